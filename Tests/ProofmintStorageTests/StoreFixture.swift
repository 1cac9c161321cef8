import ProofmintCore
import ProofmintTestSupport

@testable import ProofmintStorage

/// Chains and stores the storage tests share.
enum StoreFixture {
    /// A chain of blocks with random transfers between a few funded accounts, built on the in-memory store.
    static func chain(blocks: Int, seed: UInt64) throws -> TestChain {
        let names = (0..<12).map { "user\($0)" }
        let chain = try TestChain(users: names.map { ($0, 10_000 * Tokens.one) })
        var random = SplitMix64(seed: seed)
        for _ in 0..<blocks {
            var transactions = [SignedTransaction]()
            var nonces = [String: UInt64]()
            for _ in 0..<Int(random.next() % 20) {
                let from = names[Int(random.next() % UInt64(names.count))]
                let to = names[Int(random.next() % UInt64(names.count))]
                let nonce = nonces[from] ?? chain.nonce(TestKeys.address(from))
                nonces[from] = nonce + 1
                let amount = Amount(random.next() % 50) * Tokens.one
                transactions.append(chain.transfer(from: TestKeys.key(from), to: TestKeys.address(to), amount: amount, nonce: nonce))
            }
            try chain.produce(transactions)
        }
        return chain
    }

    /// `rounds` blocks of two transfers each (alice pays carol a growing amount, bob pays alice one token), built on the
    /// in-memory store so that the expected roots come from the same transition.
    static func pairedTransfers(rounds: Int) throws -> TestChain {
        let chain = try TestChain()
        let alice = TestKeys.key("alice"), bob = TestKeys.key("bob")
        for round in 0..<rounds {
            try chain.produce([
                chain.transfer(from: alice, to: TestKeys.address("carol"), amount: Amount(round + 1) * Tokens.one),
                chain.transfer(from: bob, to: TestKeys.address("alice"), amount: Tokens.one),
            ])
        }
        return chain
    }

    /// A new store in `directory` with every block of `chain` applied and committed.
    static func store(at directory: String, holding chain: TestChain, options: ChainStore.Options = .init()) throws -> ChainStore {
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [], options: options)
        var parent = store.head
        for block in chain.blocks {
            let outcome = try store.withSnapshot { try StateTransition.apply(block, parent: parent, state: $0) }
            try store.commit(block, outcome: outcome)
            parent = block.header
        }
        return store
    }
}
