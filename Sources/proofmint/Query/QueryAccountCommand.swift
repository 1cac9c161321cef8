import ArgumentParser
import ProofmintWallet

/// `query account`: balance and nonces, optionally proven against the state root.
struct QueryAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Show an account's balance and nonces; with --prove, verify a state proof locally.",
        discussion: """
            With --prove the node must send a Merkle proof of the account under the state root of the block it \
            answers for; the wallet checks it and fails loudly if it does not hold.
            Example: proofmint query account alice --prove
            """)

    @Flag(name: .customLong("prove"), help: "Request a state proof and verify it against the returned state root.")
    var prove = false

    @OptionGroup var query: AccountQueryOptions

    func run() async throws {
        let (address, client) = try query.resolve()
        let state = try await client.account(address, proof: prove)
        try AccountQueryOptions.requireAnswer(about: state.address, asked: address, client: client, method: "pm_getAccount")
        var rows: [(String, String)] = [
            ("address", address.text),
            ("balance", "\(Tokens.format(state.balance)) \(Tokens.symbol) (\(state.balance) base units)"),
            ("nonce", String(state.nonce)),
            ("pending nonce", String(state.pendingNonce)),
            ("height", String(state.height)),
            ("state root", state.stateRoot.hex),
        ]
        var verification = JSONValue.null
        if prove {
            let proven = try state.verifiedAccount()
            let exists = state.proof?.value != nil
            let message = "proof verified against state root \(state.stateRoot) at height \(state.height)"
                + (exists ? "" : " (the account does not exist yet)")
            rows.append(("proof", message))
            verification = .object([
                ("verified", .bool(true)),
                ("exists", .bool(exists)),
                ("balance", .string(String(proven.balance))),
                ("nonce", .uint(proven.nonce)),
                ("message", .string(message)),
            ])
        }
        guard case let .object(members) = state.json else { return }
        query.output.console.result(
            prove ? .object(members + [("verification", verification)]) : state.json,
            text: "Account\n\(Console.table(rows))")
    }
}
