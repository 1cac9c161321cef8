import ArgumentParser

/// `proofmint keys …`: the encrypted keystore.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, recover, import, export and list keys in the encrypted keystore.",
        subcommands: [
            KeysNewCommand.self, KeysRecoverCommand.self, KeysListCommand.self, KeysShowCommand.self,
            KeysImportCommand.self, KeysExportCommand.self, KeysImportDevCommand.self,
        ]
    )
}
