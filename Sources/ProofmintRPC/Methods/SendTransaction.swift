import ProofmintCore

/// `pm_sendTransaction` params: the canonical signed transaction.
public struct SendTransactionParams: RPCObject {
    public var tx: Hex
    public init(tx: Bytes) { self.tx = Hex(tx) }
}

/// `pm_sendTransaction` result: the id the node computed (the wallet checks it against its own).
public struct SendTransactionResult: RPCObject {
    public var id: Hash32
    public init(id: Hash32) { self.id = id }
}
