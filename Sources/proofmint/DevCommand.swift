import ArgumentParser

/// `proofmint dev …`: devnet tools that change the chain outside consensus. The node serves them only when started
/// with `--dev-control` (and the token of `--control-token-file`, from PROOFMINT_CONTROL_TOKEN_FILE).
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Devnet tools: snapshot the chain and revert to a snapshot (node started with --dev-control).",
        subcommands: [DevSnapshotCommand.self, DevRevertCommand.self, DevSnapshotsCommand.self, DevDeleteSnapshotCommand.self]
    )
}
