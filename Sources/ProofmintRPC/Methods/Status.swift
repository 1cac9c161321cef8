import ProofmintCore

/// `pm_status`: which chain the node follows and where its head is.
public struct StatusResult: RPCObject {
    public var chainId: String
    public var genesisHash: Hash32
    public var height: UInt64
    public var headHash: Hash32
    public var stateRoot: Hash32
    /// The head block's timestamp, Unix milliseconds.
    public var timestamp: UInt64
    public var mempoolSize: UInt64
    /// `instant`, `manual` or `interval(<ms>ms)`.
    public var miningMode: String
    /// This node's producer address, or nil when it has no validator key.
    public var validator: Address?
    /// False while the node cannot commit blocks and refuses transactions (`storage_error` says why).
    public var acceptingTransactions: Bool
    /// Why blocks cannot be committed (a full disk, a damaged store), or nil while they can.
    public var storageError: String?
    /// `standalone` (no `--follow` peers), `syncing` (a peer is ahead) or `caught_up`.
    public var syncState: String
    /// The peers this node follows (`--follow`); empty for a standalone node.
    public var peers: [PeerView]
    /// False when the node's home was made with `--no-explorer-indexes`: `pm_getSupplyHistory` and
    /// `pm_getAccountHistory` answer -32009. Optional so that a client reads the status of a node older than the field
    /// (which keeps them).
    @Omittable public var explorerIndexes: Bool?

    public init(
        chainId: String, genesisHash: Hash32, height: UInt64, headHash: Hash32, stateRoot: Hash32, timestamp: UInt64,
        mempoolSize: UInt64, miningMode: String, validator: Address?, storageError: String? = nil,
        syncState: String = "standalone", peers: [PeerView] = [], explorerIndexes: Bool = true
    ) {
        self.chainId = chainId
        self.genesisHash = genesisHash
        self.height = height
        self.headHash = headHash
        self.stateRoot = stateRoot
        self.timestamp = timestamp
        self.mempoolSize = mempoolSize
        self.miningMode = miningMode
        self.validator = validator
        self.acceptingTransactions = storageError == nil
        self.storageError = storageError
        self.syncState = syncState
        self.peers = peers
        self.explorerIndexes = explorerIndexes
    }
}
