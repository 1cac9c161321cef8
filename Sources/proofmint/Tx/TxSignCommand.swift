import ArgumentParser
import ProofmintWallet

/// `tx sign`: sign without any network, for an offline machine.
struct TxSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a transfer offline (no node contact) and write it to a file for `tx broadcast`.",
        discussion: """
            Nonce and chain id must be given, since no node is asked. The file holds the signed bytes and a summary.
            Example: proofmint tx sign --from alice --to pm1… --amount 5AI --nonce 3 --chain-id proofmint-devnet --out pay.json
            """)

    @OptionGroup var transfer: TransferOptions

    @Option(name: .customLong("nonce"), help: ArgumentHelp(
        "The sender's next nonce (`proofmint query account` shows pending_nonce).", valueName: "N"))
    var nonce: UInt64

    @Option(name: .customLong("chain-id"), help: ArgumentHelp("The chain id the transaction is for (`query status`).", valueName: "ID"))
    var chainId: String

    @Option(name: .customLong("out"), help: ArgumentHelp("File to write the signed transaction to.", valueName: "FILE"))
    var out: String

    @Flag(name: .customLong("force"), help: "Overwrite --out if it exists.")
    var force = false

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let input = try transfer.parse(keystore: keystore)
        let chain = try WalletInput.chainId(chainId)
        let sender = try keystore.info(input.sender)
        if !force && FileSystem.exists(out) { throw CommandFailure("\(out) already exists; choose another --out FILE or pass --force to overwrite it") }
        let key = try keystore.unlock(input.sender, password: try passwordOptions.source(environment).unlockPassword(for: sender.name.text))
        let request = TransferRequest(
            chainId: chain, recipient: input.recipient, amount: input.amount, fee: input.fee, memo: input.memo, nonce: nonce,
            expiry: transfer.sender.expiry)
        let file = SignedTransactionFile(transaction: request.signed(by: key))
        try file.write(to: out, overwrite: force)
        guard case let .object(members) = file.json else { return }
        output.console.result(
            .object(members + [("path", .string(out))]),
            text: "Signed transaction \(file.transaction.id) written to \(out)\n\(Console.table(TransactionSummary.lines(file.transaction.transaction)))\n"
                + "Send it from a machine that can reach a node: proofmint tx broadcast \(out)")
    }
}
