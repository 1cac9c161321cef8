import ProofmintCore

/// `pm_getAccount` params.
public struct AccountParams: RPCObject {
    public var address: Address
    public var proof: Bool?
    public init(address: Address, proof: Bool? = nil) {
        self.address = address
        self.proof = proof
    }
}

/// `pm_getAccount` result: balance and nonces at a height, with an optional state proof of the account.
public struct AccountResult: RPCObject {
    public var address: Address
    public var balance: Amount
    /// The next nonce the chain expects.
    public var nonce: UInt64
    /// `nonce` plus this sender's transactions waiting in the mempool: the nonce to sign the next one with.
    public var pendingNonce: UInt64
    public var height: UInt64
    public var stateRoot: Hash32
    public var proof: ProofView?

    public init(address: Address, balance: Amount, nonce: UInt64, pendingNonce: UInt64, height: UInt64, stateRoot: Hash32, proof: ProofView?) {
        self.address = address
        self.balance = balance
        self.nonce = nonce
        self.pendingNonce = pendingNonce
        self.height = height
        self.stateRoot = stateRoot
        self.proof = proof
    }
}

/// A state proof (PROTOCOL.md, "State proofs"): the key, its canonical value or null, the siblings and the leaf.
public struct ProofView: RPCObject {
    public struct Leaf: RPCObject {
        public var keyHash: Hash32
        public var valueHash: Hash32
        public init(keyHash: Hash32, valueHash: Hash32) {
            self.keyHash = keyHash
            self.valueHash = valueHash
        }
    }

    public var key: Hex
    public var value: Hex?
    public var siblings: [Hash32]
    public var leaf: Leaf?

    public init(key: Bytes, value: Bytes?, siblings: [Hash32], leaf: Leaf?) {
        self.key = Hex(key)
        self.value = value.map(Hex.init)
        self.siblings = siblings
        self.leaf = leaf
    }

    public init(key: StateKey, value: Bytes?, proof: StateProof) {
        var leaf: Leaf?
        if case let .leaf(leafKey, valueHash) = proof.terminal { leaf = Leaf(keyHash: leafKey, valueHash: valueHash) }
        self.init(key: key.bytes, value: value, siblings: proof.siblings, leaf: leaf)
    }
}
