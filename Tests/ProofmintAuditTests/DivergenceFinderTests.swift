import Foundation
import ProofmintAudit
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

/// Two real LMDB homes that agree up to a block and then part because one of them ran a deliberately different
/// rule there (it credits one extra base unit): the finder names that block and that key.
final class DivergenceFinderTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "proofmint-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func testTheFirstDivergentBlockAndKeyAreFound() throws {
        let json = TestChain.genesisJSON(
            chainId: "proofmint-diff", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"],
            users: [("alice", 1_000 * Tokens.one), ("bob", 100 * Tokens.one)])
        let genesis = try Genesis.parse(json: Array(json.utf8))
        let chain = try TestChain(genesis: genesis, validatorKeys: [TestKeys.key("validator-a")])
        let alice = TestKeys.key("alice"), bob = TestKeys.address("bob")
        for height in 1...12 { try chain.produce(height % 3 == 0 ? [] : [chain.transfer(from: alice, to: bob, amount: Tokens.one)]) }

        let divergent = 7
        let a = try ChainStore.create(at: directory + "/a", genesis: genesis, genesisFile: Array(json.utf8))
        let b = try ChainStore.create(at: directory + "/b", genesis: genesis, genesisFile: Array(json.utf8))
        for (index, block) in chain.blocks.enumerated() where index < 10 {
            let outcome = chain.outcomes[index]
            try a.commit(block, outcome: outcome)
            if index + 1 < divergent {
                try b.commit(block, outcome: outcome)
            } else if index + 1 == divergent {
                let (alteredBlock, alteredOutcome) = try withExtraBaseUnit(for: bob, block, outcome, on: b, signer: TestKeys.key("validator-a"))
                try b.commit(alteredBlock, outcome: alteredOutcome)
            }
        }

        let report = try DivergenceFinder.compare(a, b)
        XCTAssertTrue(report.sameGenesis)
        XCTAssertEqual(report.heights.a, 10)
        XCTAssertEqual(report.heights.b, UInt64(divergent))
        XCTAssertEqual(report.firstDivergentHeight, UInt64(divergent))
        XCTAssertEqual(report.sameTransactions, true, "the same transactions: the rule differs")
        XCTAssertTrue(report.differingEntries.contains { $0.key == "account \(bob)" }, "\(report.differingEntries)")

        // Homes that agree report no divergence.
        XCTAssertNil(try DivergenceFinder.compare(a, a).firstDivergentHeight)
    }

    /// Homes made from different genesis files are two chains: the report says so and claims nothing about the
    /// transactions (both genesis blocks are empty, which once read as "same transactions: the rules differ").
    func testADifferentGenesisIsReportedAsSuchAndNotAsSameTransactions() throws {
        func home(_ name: String, chainId: String) throws -> ChainStore {
            let json = TestChain.genesisJSON(
                chainId: chainId, genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"], users: [("alice", 1_000 * Tokens.one)])
            let genesis = try Genesis.parse(json: Array(json.utf8))
            return try ChainStore.create(at: directory + "/" + name, genesis: genesis, genesisFile: Array(json.utf8))
        }
        let report = try DivergenceFinder.compare(try home("a", chainId: "proofmint-one"), try home("b", chainId: "proofmint-two"))
        XCTAssertFalse(report.sameGenesis)
        XCTAssertEqual(report.firstDivergentHeight, 0)
        XCTAssertNil(report.sameTransactions, "no shared block, so no claim about the transactions")
    }

    /// `block` as a node with a different rule would have made it: the same transactions, one more base unit for
    /// `address`, and the roots and signature that follow.
    private func withExtraBaseUnit(
        for address: Address, _ block: Block, _ outcome: BlockOutcome, on store: ChainStore, signer: Ed25519.PrivateKey
    ) throws -> (Block, BlockOutcome) {
        var writes = outcome.stateWrites
        let key = StateKey.account(address)
        let index = try XCTUnwrap(writes.firstIndex { $0.key == key })
        var account = try Account(canonical: XCTUnwrap(writes[index].value))
        account.balance += 1
        writes[index].value = account.canonicalBytes
        let tree = try store.withSnapshot { snapshot in
            try StateTree.update(writes.map { StateTree.Update(key: $0.key.treeKey, valueHash: $0.value.map(Hash32.digest)) }, reader: snapshot)
        }
        var header = block.header
        header.stateRoot = tree.root
        let altered = Block.sign(header: header, transactions: block.transactions, producer: signer)
        return (altered, BlockOutcome(header: header, stateWrites: writes, treeNodes: tree.nodes, receipts: outcome.receipts))
    }
}
