import Foundation
import ProofmintCore

/// Fixed Ed25519 keys for tests: the seed of key `name` is `BLAKE2b-256("proofmint/test-key/" ‖ name)`, so every
/// run, machine and test derives the same key pairs (and libsodium's signatures over them are deterministic).
public enum TestKeys {
    public static func seed(_ name: String) -> Bytes { Blake2b.hash256(Array("proofmint/test-key/\(name)".utf8)) }

    public static func key(_ name: String) -> Ed25519.PrivateKey { try! Ed25519.PrivateKey(seed: seed(name)) }

    public static func address(_ name: String) -> Address { Address(publicKey: key(name).publicKey) }
}

/// A devnet in memory: a genesis built from fixed keys, an `InMemoryStateStore` holding the head state, and helpers
/// to sign transfers and to propose, sign, apply and commit blocks exactly as a node would.
public final class TestChain: @unchecked Sendable {
    public let chainId: String
    public let genesis: Genesis
    public let genesisBlock: Block
    /// The scheduled producers' signing keys, in schedule order.
    public let validatorKeys: [Ed25519.PrivateKey]
    public let store: InMemoryStateStore
    public private(set) var head: BlockHeader
    /// Every block after genesis that was committed, in order.
    public private(set) var blocks: [Block] = []
    public private(set) var outcomes: [BlockOutcome] = []

    /// The genesis JSON the chain starts from (`Genesis.parse` reads it, as `proofmintd init` would).
    ///
    /// - Parameters:
    ///   - users: names whose `TestKeys` addresses get an allocation (in base units).
    ///   - modules: module accounts with an allocation.
    ///   - parameters: JSON object text for `parameters`, or nil for the defaults.
    public static func genesisJSON(
        chainId: String, genesisTime: String, validators: [String],
        users: [(name: String, amount: Amount)], modules: [(module: ModuleAccount, amount: Amount)] = [],
        parameters: String? = nil
    ) -> String {
        var allocations = users.map { "{\"name\": \"\($0.name)\", \"address\": \"\(TestKeys.address($0.name))\", \"amount\": \"\($0.amount)\"}" }
        allocations += modules.map { "{\"module\": \"\($0.module.rawValue)\", \"amount\": \"\($0.amount)\"}" }
        let validatorList = validators.map { "{\"name\": \"\($0)\", \"public_key\": \"\(TestKeys.key($0).publicKey.bytes.hex)\"}" }
        var fields = [
            "\"chain_id\": \"\(chainId)\"",
            "\"genesis_time\": \"\(genesisTime)\"",
            "\"validators\": [\(validatorList.joined(separator: ", "))]",
            "\"allocations\": [\(allocations.joined(separator: ", "))]",
        ]
        if let parameters { fields.append("\"parameters\": \(parameters)") }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }

    public convenience init(
        chainId: String = "proofmint-test", genesisTime: String = "2026-01-01T00:00:00Z",
        validators: [String] = ["validator-a", "validator-b"],
        users: [(name: String, amount: Amount)] = [("alice", 1_000 * Tokens.one), ("bob", 500 * Tokens.one), ("carol", 250 * Tokens.one)],
        modules: [(module: ModuleAccount, amount: Amount)] = [],
        parameters: String? = nil
    ) throws {
        let json = Self.genesisJSON(
            chainId: chainId, genesisTime: genesisTime, validators: validators, users: users, modules: modules,
            parameters: parameters)
        let genesis = try Genesis.parse(json: Array(json.utf8))
        try self.init(genesis: genesis, validatorKeys: validators.map(TestKeys.key))
    }

    public init(genesis: Genesis, validatorKeys: [Ed25519.PrivateKey]) throws {
        self.genesis = genesis
        self.chainId = genesis.chainId
        self.validatorKeys = validatorKeys
        let (block, outcome) = try genesis.genesisBlock()
        genesisBlock = block
        store = InMemoryStateStore()
        store.commit(outcome)
        head = block.header
    }

    // MARK: - State

    public func account(_ address: Address) -> Account { (try? store.account(address)) ?? .empty }
    public func balance(_ address: Address) -> Amount { account(address).balance }
    public func nonce(_ address: Address) -> UInt64 { account(address).nonce }
    public func totals() -> ChainTotals { (try? store.totals()) ?? .zero }
    public var parameters: Parameters { genesis.parameters }

    /// The sum of every stored account balance (module accounts included).
    public func sumOfBalances() -> Amount {
        var sum: Amount = 0
        for (key, bytes) in store.values where key.prefix == .account {
            sum += (try! Account(canonical: bytes)).balance
        }
        return sum
    }

    // MARK: - Transactions

    /// A signed transfer; the nonce defaults to the sender's next nonce in the committed state.
    public func transfer(
        from sender: Ed25519.PrivateKey, to recipient: Address, amount: Amount, fee: Amount? = nil,
        nonce: UInt64? = nil, expiry: UInt64? = nil, memo: Bytes = [], chainId: String? = nil
    ) -> SignedTransaction {
        Transaction(
            chainId: chainId ?? self.chainId, sender: sender.publicKey,
            nonce: nonce ?? self.nonce(Address(publicKey: sender.publicKey)),
            fee: fee ?? parameters.minFee, expiry: expiry,
            payload: .transfer(Transfer(recipient: recipient, amount: amount, memo: memo))
        ).signed(by: sender)
    }

    // MARK: - Blocks

    public var nextHeight: UInt64 { head.height + 1 }

    /// The key scheduled to produce block `height` (`validators[(height − 1) mod n]`).
    public func producerKey(at height: UInt64) -> Ed25519.PrivateKey {
        validatorKeys[Int((height - 1) % UInt64(validatorKeys.count))]
    }

    /// The timestamp a block gets when none is given: one second after the head.
    public var nextTimestamp: UInt64 { head.timestamp + 1000 }

    /// Proposes the next block from `candidates` on the head state and signs it as the scheduled producer.
    /// Commits nothing.
    public func propose(_ candidates: [SignedTransaction], timestamp: UInt64? = nil) throws -> (block: Block, proposal: Proposal) {
        let producer = producerKey(at: nextHeight)
        let proposal = try StateTransition.propose(
            candidates: candidates, parent: head, timestamp: timestamp ?? nextTimestamp,
            producer: producer.publicKey, state: store)
        let block = Block.sign(header: proposal.header, transactions: proposal.transactions, producer: producer)
        return (block, proposal)
    }

    /// Checks and executes `block` on the head state with `StateTransition.apply`, then commits it.
    @discardableResult
    public func apply(_ block: Block) throws -> BlockOutcome {
        let outcome = try StateTransition.apply(block, parent: head, state: store)
        store.commit(outcome)
        head = outcome.header
        blocks.append(block)
        outcomes.append(outcome)
        return outcome
    }

    /// Proposes, signs, applies and commits the next block.
    @discardableResult
    public func produce(_ candidates: [SignedTransaction], timestamp: UInt64? = nil) throws -> (block: Block, outcome: BlockOutcome, dropped: [(transaction: SignedTransaction, error: TransactionError)]) {
        let (block, proposal) = try propose(candidates, timestamp: timestamp)
        let outcome = try apply(block)
        return (block, outcome, proposal.dropped)
    }

    /// A signed block on the head with these transactions, a correct transaction root and count, and the given
    /// (by default zero) receipt and state roots: for tests of what `apply` refuses.
    public func rawBlock(
        _ transactions: [SignedTransaction], timestamp: UInt64? = nil, receiptRoot: Hash32 = .zero,
        stateRoot: Hash32 = .zero, producer: Ed25519.PrivateKey? = nil
    ) -> Block {
        let key = producer ?? producerKey(at: nextHeight)
        let header = BlockHeader(
            chainId: chainId, height: nextHeight, parentHash: head.hash, timestamp: timestamp ?? nextTimestamp,
            transactionRoot: Block.transactionRoot(transactions), receiptRoot: receiptRoot, stateRoot: stateRoot,
            transactionCount: UInt32(transactions.count), producer: key.publicKey.bytes)
        return Block.sign(header: header, transactions: transactions, producer: key)
    }
}
