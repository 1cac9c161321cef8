import Foundation
import ProofmintTestSupport
import XCTest

@testable import ProofmintCore

/// `Genesis.stateWrites` sorts the allocations' accounts as fixed-size words and merges the rest in, instead of
/// writing every allocation through a `StateOverlay`, and `Genesis.treeEntries` bucket-sorts its hashes. These tests
/// hold them to exactly what the overlay and a comparison sort gave.
final class GenesisStateWritesTests: XCTestCase {
    /// Duplicated addresses (the last allocation wins, as the overlay's last write did), allocations of 0 (a deletion),
    /// a bonded validator whose address is also allocated twice (its bond reads the first allocation and its account
    /// replaces both), attestors and team vesting: the writes are those of the overlay, in the same order.
    func testWritesAreExactlyThoseOfWritingEveryAllocationThroughAnOverlay() throws {
        let devnet = try Genesis.parse(json: Array(Data(contentsOf: RepositoryRoot.url.appendingPathComponent("genesis/devnet.json"))))
        XCTAssertFalse(devnet.bonds.isEmpty)
        XCTAssertFalse(devnet.attestors.isEmpty)
        var random = SplitMix64(seed: 0x6E6E_5157)
        var extra = (0..<3_000).map { index in
            Genesis.Allocation(name: nil, address: Address(module: "writes-\(index)"), amount: Amount(random.below(3)) * Tokens.one)
        }
        for _ in 0..<500 {
            let twice = extra[Int(random.below(UInt64(extra.count)))]
            extra.insert(
                Genesis.Allocation(name: nil, address: twice.address, amount: Amount(random.below(2)) * 7),
                at: Int(random.below(UInt64(extra.count))))
        }
        let bonded = try XCTUnwrap(devnet.bonds.first).address
        extra.append(Genesis.Allocation(name: nil, address: bonded, amount: 1))
        let genesis = Genesis(
            chainId: devnet.chainId, genesisTime: devnet.genesisTime, parameters: devnet.parameters, validators: devnet.validators,
            allocations: devnet.allocations + extra, teamVesting: devnet.teamVesting, bonds: devnet.bonds, attestors: devnet.attestors)
        XCTAssertTrue(extra.contains { $0.amount == 0 }, "some allocations are of 0")

        let writes = genesis.stateWrites()
        let expected = overlayWrites(of: genesis)
        XCTAssertEqual(writes.count, expected.count)
        for (write, reference) in zip(writes, expected) {
            XCTAssertEqual(write.key, reference.key)
            XCTAssertEqual(write.value, reference.value, "\(write.key)")
        }
        XCTAssertTrue(zip(writes, writes.dropFirst()).allSatisfy { $0.key < $1.key }, "sorted, each key once")
        XCTAssertEqual(genesis.genesisBlock().block.header.stateRoot, Self.root(of: expected))
    }

    func testMergeKeepsTheLaterWriteOfAKeyAndEveryOtherKeyInOrder() {
        let key = { (byte: UInt8) in StateKey(bytes: [0x01, byte]) }
        let earlier: [(key: StateKey, value: Bytes?)] = [(key(1), [1]), (key(3), [3]), (key(5), nil), (key(9), [9])]
        let later: [(key: StateKey, value: Bytes?)] = [(key(0), [0]), (key(3), [33]), (key(5), [55]), (key(10), nil)]
        let merged = GenesisAccounts.merge(earlier, later)
        XCTAssertEqual(merged.map(\.key), [0, 1, 3, 5, 9, 10].map(key))
        XCTAssertEqual(merged.map(\.value), [[0], [1], [33], [55], [9], nil])
        XCTAssertEqual(GenesisAccounts.merge([], later).map(\.key), later.map(\.key))
        XCTAssertEqual(GenesisAccounts.merge(earlier, []).map(\.key), earlier.map(\.key))
    }

    /// The bucket sort of the tree entries agrees with a comparison sort at every size around its bucket boundaries,
    /// for uniform keys and for keys that all share their leading bits (one bucket holds everything).
    func testTreeEntriesSortLikeAComparisonSort() {
        var random = SplitMix64(seed: 0x736f_7274)
        for size in [0, 1, 2, 7, 8, 9, 15, 16, 17, 1_000, 70_000] {
            for shared in [false, true] {
                let entries = (0..<size).map { _ in
                    let key = random.hash32()
                    return (shared ? Hash32(w0: 0xABCD, w1: key.w1, w2: key.w2, w3: key.w3) : key, random.hash32())
                }
                let expected = entries.sorted { $0.0 < $1.0 }
                let sorted = Genesis.sortedByKey(entries)
                XCTAssertEqual(sorted.map(\.0), expected.map(\.0), "size \(size), shared \(shared)")
                XCTAssertEqual(sorted.map(\.1), expected.map(\.1), "size \(size), shared \(shared)")
            }
        }
    }

    /// The leading-bits sort orders reference-counted items like a comparison sort, whatever the spread of the leading
    /// bits: uniform, all equal, or piled at both ends.
    func testLeadingBitsSortOrdersLikeAComparisonSortForAnySpread() {
        var random = SplitMix64(seed: 0x6c62_7373)
        let spreads: [(String, (inout SplitMix64) -> UInt64)] = [
            ("uniform", { $0.next() }), ("equal", { _ in 42 }), ("ends", { $0.below(2) == 0 ? $0.below(4) : UInt64.max - $0.below(4) }),
        ]
        for size in [0, 1, 5, 8, 9, 100, 20_000] {
            for (name, leading) in spreads {
                let items = (0..<size).map { index in (leading(&random), "item \(index)", random.below(1_000)) }
                let order = { (a: (UInt64, String, UInt64), b: (UInt64, String, UInt64)) in (a.0, a.2, a.1) < (b.0, b.2, b.1) }
                let sorted = LeadingBitsSort.sorted(items, leadingBits: { $0.0 }, by: order)
                XCTAssertEqual(sorted.map(\.1), items.sorted(by: order).map(\.1), "size \(size), \(name)")
            }
        }
    }

    /// The writes as protocol version 3 first computed them: every allocation, then the bonds and the singletons,
    /// through one overlay.
    private func overlayWrites(of genesis: Genesis) -> [(key: StateKey, value: Bytes?)] {
        var overlay = StateOverlay(base: EmptyState())
        var issued: Amount = 0
        for allocation in genesis.allocations {
            overlay.setAccount(Account(nonce: 0, balance: allocation.amount), for: allocation.address)
            issued += allocation.amount
        }
        var staked: Amount = 0
        var computeValidators = ComputeValidators.empty
        for bond in genesis.bonds {
            let balance = genesis.allocations.first { $0.address == bond.address }?.amount ?? 0
            guard bond.amount > 0, balance >= bond.amount else { continue }
            overlay.setAccount(Account(nonce: 0, balance: balance - bond.amount), for: bond.address)
            let stake = Stake(amount: bond.amount, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            guard (try? overlay.setStake(stake, for: bond.address)) != nil else { continue }
            staked += bond.amount
            if bond.amount >= genesis.parameters.compute.verification.validatorMinStake { computeValidators.insert(bond.address) }
        }
        overlay.put(ChainTotals(issued: issued, burned: 0, feesPaid: 0, staked: staked), at: .totals)
        overlay.put(genesis.parameters, at: .parameters)
        overlay.put(genesis.validators, at: .validators)
        overlay.put(EpochState.genesis, at: .epoch)
        if !computeValidators.members.isEmpty { overlay.put(computeValidators, at: .computeValidators) }
        if let teamVesting = genesis.teamVesting { overlay.put(teamVesting, at: .vesting) }
        for attestor in genesis.attestors {
            overlay.put(AttestorRecord(name: attestor.name, maxTier: attestor.maxTier, addedAt: 0), at: .attestor(attestor.publicKey))
        }
        return overlay.sortedWrites
    }

    private static func root(of writes: [(key: StateKey, value: Bytes?)]) -> Hash32 {
        let entries = writes.compactMap { write in write.value.map { (write.key.treeKey, Hash32.digest($0)) } }.sorted { $0.0 < $1.0 }
        return StateTree.build(sorted: entries[...]) { _, _ in }
    }
}
