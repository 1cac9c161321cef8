import ArgumentParser
import ProofmintWallet

/// `tx sign`: sign without any network, for an offline machine.
struct TxSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a transfer without sending it and write it to a file for `tx broadcast`.",
        discussion: """
            With --nonce and --chain-id both given no node is contacted (sign on an offline machine). Without them the \
            wallet asks the node (--node) for its chain id and the sender's pending nonce, so the file follows on from \
            what is already sent or pending. The file holds the signed bytes and a summary.
            Example: proofmint tx sign --from alice --to pm1… --amount 5AI --nonce 3 --chain-id proofmint-devnet --out pay.json
            """)

    @OptionGroup var transfer: TransferOptions

    @Option(name: .customLong("nonce"), help: ArgumentHelp(
        "The sender's next nonce (default: the node's pending nonce; `proofmint query account` shows it).", valueName: "N"))
    var nonce: UInt64?

    @Option(name: .customLong("chain-id"), help: ArgumentHelp(
        "The chain id the transaction is for (default: the node's; `query status` shows it).", valueName: "ID"))
    var chainId: String?

    @OptionGroup var outFile: OutFileOptions

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let input = try transfer.parse(keystore: keystore)
        let sender = try keystore.info(input.sender)
        try outFile.refuseToOverwrite()
        let (chain, nonce) = try await chainAndNonce(environment, sender: sender.address)
        let key = try keystore.unlock(input.sender, password: try passwordOptions.source(environment).unlockPassword(for: sender.name.text))
        let request = TransferRequest(
            chainId: chain, recipient: input.recipient, amount: input.amount, fee: input.fee, memo: input.memo, nonce: nonce,
            expiry: transfer.sender.expiry)
        let file = SignedTransactionFile(transaction: request.signed(by: key))
        try file.write(to: outFile.path, overwrite: outFile.force)
        guard case let .object(members) = file.json else { return }
        output.console.result(
            .object(members + [("path", .string(outFile.path))]),
            text: "Signed transaction \(file.transaction.id) written to \(outFile.path)\n\(Console.table(TransactionSummary.lines(file.transaction.transaction)))\n"
                + "Send it from a machine that can reach a node: proofmint tx broadcast \(outFile.path)")
    }

    /// The chain id and nonce: as given, or asked of the node (its chain id, the sender's pending nonce).
    private func chainAndNonce(_ environment: WalletEnvironment, sender: Address) async throws -> (String, UInt64) {
        if let chainId, let nonce { return (try WalletInput.chainId(chainId), nonce) }
        let client = try nodeOptions.client(environment)
        let status: NodeStatus, account: AccountState
        do {
            status = try await client.status()
            account = try await client.account(sender)
        } catch {
            throw CommandFailure("\(error)\nTo sign with no node, give both --nonce and --chain-id; nothing was signed")
        }
        if let chainId, chainId != status.chainId {
            throw CommandFailure("--chain-id '\(chainId)' differs from the node's chain '\(status.chainId)'; nothing was signed")
        }
        return (try WalletInput.chainId(status.chainId), nonce ?? account.pendingNonce)
    }
}
