import ProofmintCore

/// `pm_setMiningMode` params: `instant`, `manual` or `interval` (with `interval_ms`), and whether interval mode makes
/// empty blocks.
public struct MiningModeParams: RPCObject {
    public var mode: String
    @Omittable public var intervalMs: UInt64?
    @Omittable public var emptyBlocks: Bool?
    public init(mode: String, intervalMs: UInt64? = nil, emptyBlocks: Bool? = nil) {
        self.mode = mode
        self.intervalMs = intervalMs
        self.emptyBlocks = emptyBlocks
    }
}

/// `pm_setMiningMode` result: the mode now in force, as `pm_status` shows it.
public struct MiningModeResult: RPCObject {
    public var mode: String
    public var emptyBlocks: Bool
    public init(mode: String, emptyBlocks: Bool) {
        self.mode = mode
        self.emptyBlocks = emptyBlocks
    }
}
