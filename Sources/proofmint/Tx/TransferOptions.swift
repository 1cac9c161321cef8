import ArgumentParser
import ProofmintWallet

/// The fields of a transfer, shared by `tx transfer` and `tx sign`.
struct TransferOptions: ParsableArguments {
    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("to"), help: ArgumentHelp("Recipient: a pm1… address or the name of a key in the keystore.", valueName: "ADDR|NAME"))
    var to: String

    @Option(name: .customLong("amount"), parsing: .unconditional, help: ArgumentHelp(
        "Amount to send, with its unit: tokens (10AI, 0.5AI) or base units (10000base; 1 AI = 10^18 base units).", valueName: "AMOUNT"))
    var amount: String

    @Option(name: .customLong("memo"), help: ArgumentHelp("Text for the recipient, up to 256 bytes of UTF-8.", valueName: "TEXT"))
    var memo: String?

    /// The parsed values that do not depend on the chain.
    func parse(keystore: Keystore) throws -> (sender: KeyName, recipient: Address, amount: Amount, fee: Amount, memo: Bytes) {
        let (name, fee) = try sender.parse()
        return (name, try WalletInput.account(to, keystore: keystore), try WalletInput.amount(amount), fee, try WalletInput.memo(memo))
    }
}
