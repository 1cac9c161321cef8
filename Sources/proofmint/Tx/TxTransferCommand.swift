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
    @OptionGroup var wait: WaitOptions
    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let input = try transfer.parse(keystore: keystore)
        let sender = try keystore.info(input.sender)
        let client = try nodeOptions.client(environment)

        let status = try await client.status()
        let account = try await client.account(sender.address)
        let (needed, overflow) = input.amount.addingReportingOverflow(input.fee)
        if overflow || account.balance < needed {
            throw CommandFailure(
                "'\(sender.name)' has \(Tokens.format(account.balance)) AI, less than the \(overflow ? "amount + fee" : Tokens.format(needed) + " AI") "
                    + "needed for amount + fee; nothing was sent")
        }

        let key = try keystore.unlock(input.sender, password: try passwordOptions.source(environment).unlockPassword(for: sender.name.text))
        let request = TransferRequest(
            chainId: try WalletInput.chainId(status.chainId), recipient: input.recipient, amount: input.amount, fee: input.fee,
            memo: input.memo, nonce: account.pendingNonce, expiry: transfer.expiry)
        try await Submission.send(request.signed(by: key), client: client, wait: wait, console: output.console)
    }
}
