import ProofmintCore

/// One peer a following node (`--follow`) fetches blocks from, as `pm_status` shows it.
public struct PeerView: RPCObject {
    public var url: String
    /// The peer's head height as last seen, or nil before it first answered.
    public var height: UInt64?
    /// `ok`, `unreachable`, `backing_off` (it served a block this node refused, or failed repeatedly) or
    /// `wrong_genesis` (another chain: never used).
    public var state: String
    /// Why the peer is not `ok`, or nil.
    public var lastError: String?

    public init(url: String, height: UInt64?, state: String, lastError: String?) {
        self.url = url
        self.height = height
        self.state = state
        self.lastError = lastError
    }
}
