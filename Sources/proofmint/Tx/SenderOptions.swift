import ArgumentParser
import ProofmintWallet

/// Who signs and what the transaction pays: shared by every `tx` command that builds a transaction.
struct SenderOptions: ParsableArguments {
    @Option(name: .customLong("from"), help: ArgumentHelp("Name of the signing (sending) key in the keystore.", valueName: "NAME"))
    var from: String

    @Option(name: .customLong("fee"), parsing: .unconditional, help: ArgumentHelp(
        "Fee: tokens with their unit (0.002AI) or base units with theirs (2000base); default 0.001AI.", valueName: "AMOUNT"))
    var fee: String?

    @Option(name: .customLong("expiry"), help: ArgumentHelp(
        "Last block height at which the transaction may be included (default: no limit).", valueName: "HEIGHT"))
    var expiry: UInt64?

    /// The parsed values that do not depend on the chain.
    func parse() throws -> (name: KeyName, fee: Amount) {
        (try KeyName(from), try WalletInput.fee(fee))
    }
}
