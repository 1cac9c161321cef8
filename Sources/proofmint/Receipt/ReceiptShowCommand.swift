import ArgumentParser
import ProofmintWallet

/// `receipt show`: check and print a receipt file before submitting it.
struct ReceiptShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Check a compute receipt file (decoding, consumer signature, summary) and print it.",
        discussion: "Example: proofmint receipt show job.json")

    @Argument(help: "The receipt file written by `receipt sign`.")
    var file: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let receipt = try ComputeReceiptFile.read(file)
        output.console.result(
            receipt.json,
            text: "Valid compute receipt (consumer signature verifies)\n"
                + Console.table([("chain", receipt.signed.receipt.chainId)] + ComputeReceiptFile.lines(receipt.signed.receipt)))
    }
}
