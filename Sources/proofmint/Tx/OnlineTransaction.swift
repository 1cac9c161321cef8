import ArgumentParser
import ProofmintWallet

/// What every `tx` command that signs and sends in one go needs besides its own fields: the node, the keystore and
/// password, how long to wait, and how to print.
struct SendOptions: ParsableArguments {
    @OptionGroup var wait: WaitOptions
    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func keystore(_ environment: WalletEnvironment) -> Keystore { keystoreOptions.keystore(environment) }
}

/// The chain as the sender finds it just before signing, for a command's pre-checks.
struct SendContext {
    let client: NodeClient
    let sender: KeyInfo
    let status: NodeStatus
    let account: AccountState
    let fee: Amount

    /// Refuses, before anything is signed, unless the sender's balance covers `amount` plus the fee.
    func requireBalance(covering amount: Amount, what: String = "amount + fee") throws {
        let (needed, overflow) = amount.addingReportingOverflow(fee)
        if overflow || account.balance < needed {
            throw CommandFailure(
                "'\(sender.name)' has \(Tokens.format(account.balance)) AI, less than the \(overflow ? what : Tokens.format(needed) + " AI") "
                    + "needed for \(what); nothing was sent")
        }
    }
}

/// The one flow of every online `tx` command: look up the sender's key, ask the node for the chain id and the pending
/// nonce, let the command check and build its payload, unlock the key, sign, send, wait for the block and print the
/// receipt (exit code 2 if the receipt reports failure, 3 if not included in time).
enum OnlineTransaction {
    static func send(from senderOptions: SenderOptions, with options: SendOptions, build: (SendContext) async throws -> Payload) async throws {
        let environment = WalletEnvironment()
        let keystore = options.keystore(environment)
        let (name, fee) = try senderOptions.parse()
        let sender = try keystore.info(name)
        let client = try options.nodeOptions.client(environment)

        let status = try await client.status()
        let account = try await client.account(sender.address)
        let payload = try await build(SendContext(client: client, sender: sender, status: status, account: account, fee: fee))

        let key = try keystore.unlock(name, password: try options.passwordOptions.source(environment).unlockPassword(for: sender.name.text))
        let request = TransactionRequest(
            chainId: try WalletInput.chainId(status.chainId), payload: payload, fee: fee, nonce: account.pendingNonce,
            expiry: senderOptions.expiry)
        try await Submission.send(request.signed(by: key), client: client, wait: options.wait, console: options.output.console)
    }
}
