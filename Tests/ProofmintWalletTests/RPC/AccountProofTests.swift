import XCTest
@testable import ProofmintWallet

/// Proofs built with the core's real `StateTree`, served as the contract's `AccountResult` (`pm_getAccount`) encodes them.
final class AccountProofTests: XCTestCase {
    /// Tree nodes in memory, as the node's storage would hold them.
    struct MemoryTree: TreeNodeReader {
        var nodes: [NodePath: TreeNode] = [:]
        func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nodes[path] }
    }

    var tree = MemoryTree()
    var values: [Address: Bytes] = [:]
    var root = Hash32.zero

    override func setUpWithError() throws {
        var updates = [StateTree.Update]()
        for index in 0..<40 {
            let address = try DevAccounts.address(index: index)
            let value = Account(nonce: UInt64(index), balance: Tokens.one * Amount(index + 1)).canonicalBytes
            values[address] = value
            updates.append(StateTree.Update(key: StateKey.account(address).treeKey, valueHash: Hash32.digest(value)))
        }
        let changes = try StateTree.update(updates, reader: tree)
        for change in changes.nodes { tree.nodes[change.path] = change.node }
        root = changes.root
    }

    /// The `pm_getAccount` result a correct node would send, as it goes over the wire.
    private func response(for address: Address, root: Hash32? = nil) throws -> JSONValue {
        let key = StateKey.account(address)
        let proof = try StateProof.make(for: key.treeKey, reader: tree)
        let value = values[address]
        let account = try value.map { try Account(canonical: $0) } ?? .empty
        return AccountResult(
            address: address, balance: account.balance, nonce: account.nonce, pendingNonce: account.nonce, height: 12,
            stateRoot: root ?? self.root, proof: ProofView(key: key, value: value, proof: proof)
        ).json
    }

    func testProofTravelsInTheDocumentedShape() throws {
        let address = try DevAccounts.address(index: 7)
        let json = try response(for: address)
        XCTAssertEqual(json["balance"], .string(String(Tokens.one * 8)))
        XCTAssertEqual(json["proof"]?["key"], .string(StateKey.account(address).bytes.hex))
        XCTAssertEqual(json["proof"]?["value"], .string(try XCTUnwrap(values[address]).hex))
        XCTAssertNotNil(json["proof"]?["leaf"]?["key_hash"]?.stringValue)
        XCTAssertNotNil(json["proof"]?["leaf"]?["value_hash"]?.stringValue)
        let absent = try response(for: try DevAccounts.address(index: 77))
        XCTAssertEqual(absent["proof"]?["value"], .null)
        XCTAssertEqual(absent["balance"], .string("0"))
    }

    func testInclusionProofVerifies() throws {
        let address = try DevAccounts.address(index: 7)
        let state = try AccountState(json: try response(for: address))
        XCTAssertGreaterThan(state.proof?.siblings.count ?? 0, 2, "a 40-entry tree gives a real path")
        let account = try state.verifiedAccount()
        XCTAssertEqual(account, Account(nonce: 7, balance: Tokens.one * 8))
    }

    func testAbsenceProofVerifies() throws {
        let absent = try DevAccounts.address(index: 77)
        let state = try AccountState(json: try response(for: absent))
        XCTAssertNil(state.proof?.value)
        XCTAssertEqual(try state.verifiedAccount(), .empty)
        XCTAssertNil(try AccountProof(try XCTUnwrap(state.proof)).verify(address: absent, root: root))
    }

    func testInflatedBalanceIsCaught() throws {
        let address = try DevAccounts.address(index: 7)
        let lying = try response(for: address).replacing(["balance"], with: .string(String(Tokens.one * 1000)))
        XCTAssertThrowsError(try AccountState(json: lying).verifiedAccount()) { error in
            guard case .disagreesWithReport? = error as? ProofError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".hasPrefix("PROOF FAILED"))
        }
    }

    func testForgedValueIsCaught() throws {
        let address = try DevAccounts.address(index: 7)
        let forged = Account(nonce: 7, balance: Tokens.one * 1000).canonicalBytes
        var json = try response(for: address).replacing(["proof", "value"], with: .string(forged.hex))
        json = json.replacing(["proof", "leaf", "value_hash"], with: .string(Hash32.digest(forged).hex))
        json = json.replacing(["balance"], with: .string(String(Tokens.one * 1000)))
        XCTAssertThrowsError(try AccountState(json: json).verifiedAccount()) { error in
            guard case .rootMismatch? = error as? ProofError else { return XCTFail("\(error)") }
        }
    }

    func testAlteredSiblingIsCaught() throws {
        let address = try DevAccounts.address(index: 7)
        var json = try response(for: address)
        guard let siblings = json["proof"]?["siblings"]?.arrayValue, !siblings.isEmpty else { return XCTFail("no siblings") }
        var altered = siblings
        altered[siblings.count - 1] = .string(Hash32.digest([1, 2, 3]).hex)
        json = json.replacing(["proof", "siblings"], with: .array(altered))
        XCTAssertThrowsError(try AccountState(json: json).verifiedAccount()) { error in
            guard case .rootMismatch? = error as? ProofError else { return XCTFail("\(error)") }
        }
    }

    func testHiddenAccountIsCaught() throws {
        // The node claims the account does not exist while the leaf it returns is the account's own.
        let address = try DevAccounts.address(index: 7)
        var json = try response(for: address).replacing(["proof", "value"], with: .null)
        json = json.replacing(["balance"], with: .string("0"))
        json = json.replacing(["nonce"], with: .uint(0))
        XCTAssertThrowsError(try AccountState(json: json).verifiedAccount()) { error in
            guard case .rootMismatch? = error as? ProofError else { return XCTFail("\(error)") }
        }
    }

    func testProofForAnotherAccountOrRootIsRefused() throws {
        let asked = try DevAccounts.address(index: 7)
        let other = try DevAccounts.address(index: 8)
        let swapped = try response(for: other).replacing(["address"], with: .string(asked.text))
        XCTAssertThrowsError(try AccountState(json: swapped).verifiedAccount()) { error in
            guard case .wrongKey? = error as? ProofError else { return XCTFail("\(error)") }
        }
        let wrongRoot = try response(for: asked, root: Hash32.digest([9]))
        XCTAssertThrowsError(try AccountState(json: wrongRoot).verifiedAccount()) { error in
            guard case .rootMismatch? = error as? ProofError else { return XCTFail("\(error)") }
        }
        let noProof = try response(for: asked).replacing(["proof"], with: .null)
        XCTAssertThrowsError(try AccountState(json: noProof).verifiedAccount()) { error in
            XCTAssertEqual(error as? ProofError, .missing)
        }
    }
}
