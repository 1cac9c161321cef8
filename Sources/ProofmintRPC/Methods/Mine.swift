import ProofmintCore

/// `pm_mine` params: how many blocks to produce now (1–1000, default 1).
public struct MineParams: RPCObject {
    public var blocks: UInt64?
    public init(blocks: UInt64? = nil) { self.blocks = blocks }
}

/// `pm_mine` result: the heights produced.
public struct MineResult: RPCObject {
    public var heights: [UInt64]
    public init(heights: [UInt64]) { self.heights = heights }
}
