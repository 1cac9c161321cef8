import ProofmintCore

/// `pm_getRawBlocks` params: `count` canonical blocks from height `from` (at most `RawBlocksParams.maxCount`; fewer
/// when the chain ends first). A follower (`proofmintd start --follow`) fetches the chain with it.
public struct RawBlocksParams: RPCObject {
    /// The most blocks one call returns, and the default.
    public static let maxCount: UInt64 = 256

    public var from: UInt64
    public var count: UInt64?
    public init(from: UInt64, count: UInt64? = nil) {
        self.from = from
        self.count = count
    }
}

/// `pm_getRawBlocks` result: the blocks' canonical bytes (PROTOCOL.md's block encoding), in height order, and the
/// head the node had when it answered, so a follower knows how far there is to go.
public struct RawBlocksResult: RPCObject {
    public var rawBlocks: [Hex]
    public var headHeight: UInt64
    public init(rawBlocks: [Hex], headHeight: UInt64) {
        self.rawBlocks = rawBlocks
        self.headHeight = headHeight
    }
}
