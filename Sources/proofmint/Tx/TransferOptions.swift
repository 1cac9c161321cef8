import ArgumentParser
import ProofmintWallet

/// The fields of a transfer, shared by `tx transfer` and `tx sign`.
struct TransferOptions: ParsableArguments {
    @Option(name: .customLong("from"), help: ArgumentHelp("Name of the sending key in the keystore.", valueName: "NAME"))
    var from: String

    @Option(name: .customLong("to"), help: ArgumentHelp("Recipient: a pm1… address or the name of a key in the keystore.", valueName: "ADDR|NAME"))
    var to: String

    @Option(name: .customLong("amount"), help: ArgumentHelp(
        "Amount to send: tokens with their unit (10AI, 0.5AI) or base units (10000000000000000000).", valueName: "AMOUNT"))
    var amount: String

    @Option(name: .customLong("fee"), help: ArgumentHelp(
        "Fee: tokens with their unit (0.002AI) or base units (default 0.001AI).", valueName: "AMOUNT"))
    var fee: String?

    @Option(name: .customLong("memo"), help: ArgumentHelp("Text for the recipient, up to 256 bytes of UTF-8.", valueName: "TEXT"))
    var memo: String?

    @Option(name: .customLong("expiry"), help: ArgumentHelp(
        "Last block height at which the transaction may be included (default: no limit).", valueName: "HEIGHT"))
    var expiry: UInt64?

    /// The parsed values that do not depend on the chain.
    func parse(keystore: Keystore) throws -> (sender: KeyName, recipient: Address, amount: Amount, fee: Amount, memo: Bytes) {
        (
            try KeyName(from),
            try WalletInput.account(to, keystore: keystore),
            try WalletInput.amount(amount),
            try WalletInput.fee(fee),
            try WalletInput.memo(memo)
        )
    }
}
