import ProofmintCore

/// The `proof` of `pm_getAccount`: the account's state key, its canonical value (or null), the sibling hashes on
/// the path and the terminal leaf, which together must hash up to the block's state root.
public struct AccountProof: Equatable, Sendable {
    public let key: Bytes
    public let value: Bytes?
    public let siblings: [Hash32]
    public let leaf: (keyHash: Hash32, valueHash: Hash32)?

    public init(key: Bytes, value: Bytes?, siblings: [Hash32], leaf: (keyHash: Hash32, valueHash: Hash32)?) {
        self.key = key
        self.value = value
        self.siblings = siblings
        self.leaf = leaf
    }

    /// The proof as `pm_getAccount` sends it.
    public init(_ view: ProofView) {
        self.init(
            key: view.key.bytes, value: view.value?.bytes, siblings: view.siblings,
            leaf: view.leaf.map { (keyHash: $0.keyHash, valueHash: $0.valueHash) })
    }

    /// Verifies the proof for `address` under `root`: the key must be `StateKey.account(address)`; a value must hash to
    /// the leaf's value hash and the leaf must hash up to `root` (inclusion); no value must lead to `root` along an empty
    /// subtree or another key's leaf (absence). Returns the proven account, or nil if it is proven absent.
    public func verify(address: Address, root: Hash32) throws(ProofError) -> Account? {
        let stateKey = StateKey.account(address)
        guard key == stateKey.bytes else { throw .wrongKey(expected: stateKey.bytes.hex, actual: key.hex) }
        let treeKey = stateKey.treeKey
        let terminal: StateProof.Terminal = leaf.map { .leaf(key: $0.keyHash, valueHash: $0.valueHash) } ?? .empty
        let proof = StateProof(siblings: siblings, terminal: terminal)
        if let value {
            let account: Account
            do {
                account = try Account(canonical: value)
            } catch {
                throw .undecodableValue("\(error)")
            }
            guard let leaf else { throw .inconsistent("a value is given but there is no leaf") }
            guard leaf.keyHash == treeKey else { throw .inconsistent("the leaf is for another key") }
            let valueHash = Hash32.digest(value)
            guard leaf.valueHash == valueHash else { throw .inconsistent("the leaf's value hash is not the hash of the value") }
            guard proof.verifiesInclusion(key: treeKey, valueHash: valueHash, root: root) else {
                throw .rootMismatch("the account's leaf does not hash up to state root \(root)")
            }
            return account
        }
        guard proof.verifiesAbsence(key: treeKey, root: root) else {
            throw .rootMismatch("the proof of absence does not hash up to state root \(root)")
        }
        return nil
    }

    public static func == (lhs: AccountProof, rhs: AccountProof) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value && lhs.siblings == rhs.siblings
            && lhs.leaf?.keyHash == rhs.leaf?.keyHash && lhs.leaf?.valueHash == rhs.leaf?.valueHash
    }
}
