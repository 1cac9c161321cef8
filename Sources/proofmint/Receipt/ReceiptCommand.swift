import ArgumentParser

/// `proofmint receipt …`: compute receipts, signed by the consumer who bought the work.
struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Sign and inspect compute receipts (the consumer's side of Proof of Compute).",
        subcommands: [ReceiptSignCommand.self, ReceiptShowCommand.self])
}
