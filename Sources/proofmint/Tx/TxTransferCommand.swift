import ArgumentParser
import ProofmintWallet

/// `tx transfer`: the everyday payment, nonce and chain id taken from the node.
struct TxTransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Send tokens: sign a transfer with a keystore key, submit it and wait for its block.",
        discussion: """
            The nonce (pending_nonce) and chain id come from the node. The transfer is refused before signing if the \
            sender's balance cannot cover amount + fee.
            Example: proofmint tx transfer --from alice --to pm1… --amount 10AI --memo "invoice 7"
            """)

    @OptionGroup var transfer: TransferOptions
    @OptionGroup var options: SendOptions

    func run() async throws {
        let input = try transfer.parse(keystore: options.keystore(WalletEnvironment()))
        try await OnlineTransaction.send(from: transfer.sender, with: options) { context in
            try context.requireBalance(covering: input.amount)
            return .transfer(Transfer(recipient: input.recipient, amount: input.amount, memo: input.memo))
        }
    }
}
