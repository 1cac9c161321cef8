/// `pm_status`: which chain the node follows and where its head is.
public struct NodeStatus: Equatable, Sendable {
    public let chainId: String
    public let genesisHash: String?
    public let height: UInt64
    public let headHash: String?
    public let stateRoot: String?
    /// The head block's timestamp, Unix milliseconds.
    public let timestamp: UInt64?
    public let mempoolSize: UInt64?
    public let miningMode: String?
    public let validator: String?
    /// The result as the node sent it, for `--json`.
    public let json: JSONValue

    public init(json: JSONValue) throws(JSONShapeError) {
        let reader = try JSONObjectReader(json, path: "result")
        chainId = try reader.string("chain_id")
        height = try reader.uint64("height")
        genesisHash = try reader.optionalString("genesis_hash")
        headHash = try reader.optionalString("head_hash")
        stateRoot = try reader.optionalString("state_root")
        timestamp = try reader.optionalUInt64("timestamp")
        mempoolSize = try reader.optionalUInt64("mempool_size")
        miningMode = reader.optionalValue("mining_mode").map { $0.stringValue ?? $0.compactText }
        validator = try reader.optionalString("validator")
        self.json = json
    }
}
