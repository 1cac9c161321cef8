import ArgumentParser
import ProofmintWallet

/// `tx broadcast FILE`: send what `tx sign` wrote.
struct TxBroadcastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadcast",
        abstract: "Send an offline-signed transaction file and wait for its block.",
        discussion: """
            The file is re-validated first: the bytes decode, the signature verifies, and the id, chain id, sender and \
            summary match the signed bytes. An altered file is refused.
            Example: proofmint tx broadcast pay.json
            """)

    @Argument(help: "The file written by `proofmint tx sign`.")
    var file: String

    @OptionGroup var wait: WaitOptions
    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let signed = try SignedTransactionFile.read(file).transaction
        let client = try nodeOptions.client(WalletEnvironment())
        try await Submission.send(signed, client: client, wait: wait, console: output.console)
    }
}
