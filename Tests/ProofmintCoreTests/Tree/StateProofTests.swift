import ProofmintCore
import ProofmintTestSupport
import XCTest

final class StateProofTests: XCTestCase {
    /// A tree over random keys plus clusters sharing long prefixes, and some absent keys (uniform and clustered).
    func makeTree(seed: UInt64, size: Int) throws -> (tree: InMemoryTree, model: [Hash32: Hash32], absent: [Hash32]) {
        var rng = SplitMix64(seed: seed)
        let pool = StateTreeTests.keyPool(&rng, size: size + size / 2 + 1)
        let present = Array(pool.prefix(size))
        var absent = Array(pool.dropFirst(size))
        if let first = present.first {
            absent.append(StateTreeTests.flip(first, bit: 255))
            absent.append(StateTreeTests.key(sharing: 30, with: first, rng: &rng))
        }
        absent.removeAll { present.contains($0) }
        let model = Dictionary(uniqueKeysWithValues: present.map { ($0, rng.hash32()) })
        let tree = InMemoryTree()
        try tree.update(model.map { .init(key: $0.key, valueHash: $0.value) })
        return (tree, model, absent)
    }

    func testInclusionAndAbsenceProofsVerify() throws {
        for index in 0..<25 {
            let seed = SplitMix64.caseSeed(0x7072_6f6f, index)
            let (tree, model, absent) = try makeTree(seed: seed, size: index == 0 ? 1 : 1 + index * 4)
            let root = ReferenceTree.root(model)
            XCTAssertEqual(tree.root, root)
            for (key, value) in model {
                let proof = try StateProof.make(for: key, reader: tree)
                XCTAssertTrue(proof.verifiesInclusion(key: key, valueHash: value, root: root), "seed \(seed)")
                XCTAssertFalse(proof.verifiesAbsence(key: key, root: root), "a present key proved absent, seed \(seed)")
                XCTAssertEqual(try StateProof(canonical: proof.canonicalBytes), proof)
            }
            for key in absent {
                let proof = try StateProof.make(for: key, reader: tree)
                XCTAssertTrue(proof.verifiesAbsence(key: key, root: root), "seed \(seed)")
                XCTAssertFalse(proof.verifiesInclusion(key: key, valueHash: Hash32.digest([1]), root: root))
            }
        }
    }

    func testProofsAgainstTheEmptyTree() throws {
        let empty = InMemoryTree()
        let key = Hash32.digest([42])
        let proof = try StateProof.make(for: key, reader: empty)
        XCTAssertEqual(proof, StateProof(siblings: [], terminal: .empty))
        XCTAssertTrue(proof.verifiesAbsence(key: key, root: .zero))
        XCTAssertFalse(proof.verifiesAbsence(key: key, root: Hash32.digest([1])))
    }

    /// Every way of tampering with a valid proof makes it fail: each sibling flipped, the value hash changed,
    /// siblings dropped or added, the terminal swapped, the root changed, the key changed.
    func testTamperedProofsFail() throws {
        for index in 0..<12 {
            let seed = SplitMix64.caseSeed(0x7461_6d70, index)
            var rng = SplitMix64(seed: seed)
            let (tree, model, absent) = try makeTree(seed: seed, size: 2 + index * 4)
            let root = tree.root
            for (key, value) in model.sorted(by: { $0.key < $1.key }).prefix(10) {
                let proof = try StateProof.make(for: key, reader: tree)
                XCTAssertTrue(proof.verifiesInclusion(key: key, valueHash: value, root: root))
                for depth in 0..<proof.siblings.count {
                    var siblings = proof.siblings
                    siblings[depth] = StateTreeTests.flip(siblings[depth], bit: rng.int(0..<256))
                    let bad = StateProof(siblings: siblings, terminal: proof.terminal)
                    XCTAssertFalse(bad.verifiesInclusion(key: key, valueHash: value, root: root), "flipped sibling \(depth), seed \(seed)")
                }
                let otherValue = StateTreeTests.flip(value, bit: rng.int(0..<256))
                XCTAssertFalse(proof.verifiesInclusion(key: key, valueHash: otherValue, root: root))
                let forged = StateProof(siblings: proof.siblings, terminal: .leaf(key: key, valueHash: otherValue))
                XCTAssertFalse(forged.verifiesInclusion(key: key, valueHash: otherValue, root: root))
                if !proof.siblings.isEmpty {
                    let truncated = StateProof(siblings: Array(proof.siblings.dropLast()), terminal: proof.terminal)
                    XCTAssertFalse(truncated.verifiesInclusion(key: key, valueHash: value, root: root), "truncated, seed \(seed)")
                    let dropFirst = StateProof(siblings: Array(proof.siblings.dropFirst()), terminal: proof.terminal)
                    XCTAssertFalse(dropFirst.verifiesInclusion(key: key, valueHash: value, root: root))
                }
                let extended = StateProof(siblings: proof.siblings + [.zero], terminal: proof.terminal)
                XCTAssertFalse(extended.verifiesInclusion(key: key, valueHash: value, root: root), "extra sibling, seed \(seed)")
                let emptied = StateProof(siblings: proof.siblings, terminal: .empty)
                XCTAssertFalse(emptied.verifiesInclusion(key: key, valueHash: value, root: root))
                XCTAssertFalse(emptied.verifiesAbsence(key: key, root: root), "present key proved absent, seed \(seed)")
                XCTAssertFalse(proof.verifiesInclusion(key: key, valueHash: value, root: StateTreeTests.flip(root, bit: 0)))
                // The proof of one key does not prove another key.
                let otherKey = StateTreeTests.flip(key, bit: 255)
                XCTAssertFalse(proof.verifiesInclusion(key: otherKey, valueHash: value, root: root))
            }
            for key in absent.prefix(5) {
                let proof = try StateProof.make(for: key, reader: tree)
                XCTAssertTrue(proof.verifiesAbsence(key: key, root: root))
                for depth in 0..<proof.siblings.count {
                    var siblings = proof.siblings
                    siblings[depth] = StateTreeTests.flip(siblings[depth], bit: rng.int(0..<256))
                    XCTAssertFalse(StateProof(siblings: siblings, terminal: proof.terminal).verifiesAbsence(key: key, root: root))
                }
                if !proof.siblings.isEmpty {
                    let truncated = StateProof(siblings: Array(proof.siblings.dropLast()), terminal: proof.terminal)
                    XCTAssertFalse(truncated.verifiesAbsence(key: key, root: root), "truncated absence, seed \(seed)")
                }
                // An absence proof cannot be turned into an inclusion proof of the absent key.
                let claimed = StateProof(siblings: proof.siblings, terminal: .leaf(key: key, valueHash: Hash32.digest([9])))
                XCTAssertFalse(claimed.verifiesInclusion(key: key, valueHash: Hash32.digest([9]), root: root))
            }
        }
    }

    /// A leaf terminal that does not lie on the key's path cannot be used to prove absence.
    func testLeafOffThePathIsRejected() throws {
        var rng = SplitMix64(seed: 5)
        let tree = InMemoryTree()
        let keys = (0..<8).map { _ in rng.hash32() }
        try tree.update(keys.map { .init(key: $0, valueHash: rng.hash32()) })
        let root = tree.root
        let present = keys[0]
        let proof = try StateProof.make(for: present, reader: tree)
        // A key on the other side of the first split reusing the present key's siblings and leaf.
        let offPath = StateTreeTests.flip(present, bit: 0)
        XCTAssertNil(proof.computedRoot(for: offPath))
        XCTAssertFalse(proof.verifiesAbsence(key: offPath, root: root))
        XCTAssertEqual(proof.computedRoot(for: present), root)
    }

    func testProofCodec() throws {
        let proof = StateProof(siblings: [Hash32.digest([1]), .zero], terminal: .leaf(key: Hash32.digest([2]), valueHash: Hash32.digest([3])))
        let bytes = proof.canonicalBytes
        XCTAssertEqual(bytes.count, 2 + 64 + 1 + 64)
        XCTAssertEqual(Array(bytes.prefix(2)), [0, 2])
        XCTAssertEqual(try StateProof(canonical: bytes), proof)
        var badTag = bytes
        badTag[2 + 64] = 2
        XCTAssertThrowsError(try StateProof(canonical: badTag)) { error in
            XCTAssertEqual(error as? CodecError, .unknownTag(type: "proof terminal", tag: 2, offset: 66))
        }
        XCTAssertThrowsError(try StateProof(canonical: [0x01, 0x01] + Bytes(repeating: 0, count: 257 * 32) + [0])) { error in
            XCTAssertEqual(error as? CodecError, .lengthTooLarge(field: "proof siblings", length: 257, max: 256))
        }
        let empty = StateProof(siblings: [], terminal: .empty)
        XCTAssertEqual(empty.canonicalBytes, [0, 0, 0])
    }
}

/// Proofs as a wallet uses them: for accounts of a real chain state, against the state root in a block header.
final class ChainStateProofTests: XCTestCase {
    func testAccountProofsVerifyAgainstTheHeaderRoot() throws {
        let chain = try TestChain()
        try chain.produce([chain.transfer(from: TestKeys.key("alice"), to: TestKeys.address("dave"), amount: Tokens.one)])
        let root = chain.head.stateRoot
        XCTAssertEqual(try chain.store.stateRoot(), root)
        for name in ["alice", "bob", "carol", "dave"] {
            let key = StateKey.account(TestKeys.address(name))
            let bytes = try XCTUnwrap(chain.store.value(for: key), name)
            let proof = try chain.store.proof(for: key)
            XCTAssertTrue(proof.verifiesInclusion(key: key.treeKey, valueHash: Hash32.digest(bytes), root: root), name)
            // A claimed balance other than the stored one does not verify.
            var account = try Account(canonical: bytes)
            account.balance += 1
            XCTAssertFalse(proof.verifiesInclusion(key: key.treeKey, valueHash: Hash32.digest(account.canonicalBytes), root: root))
        }
        let nobody = StateKey.account(TestKeys.address("nobody"))
        XCTAssertTrue(try chain.store.proof(for: nobody).verifiesAbsence(key: nobody.treeKey, root: root))
        // The proof of the previous state does not verify against the new root.
        let genesisStore = try InMemoryStateStore(genesis: chain.genesis)
        let alice = StateKey.account(TestKeys.address("alice"))
        let old = try genesisStore.proof(for: alice)
        let oldValue = try XCTUnwrap(genesisStore.value(for: alice))
        XCTAssertTrue(old.verifiesInclusion(key: alice.treeKey, valueHash: Hash32.digest(oldValue), root: chain.genesisBlock.header.stateRoot))
        XCTAssertFalse(old.verifiesInclusion(key: alice.treeKey, valueHash: Hash32.digest(oldValue), root: root))
    }
}
