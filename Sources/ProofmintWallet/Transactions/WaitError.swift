import ProofmintCore

/// Why waiting for a transaction's inclusion ended without a receipt.
public enum WaitError: Error, Equatable, CustomStringConvertible {
    /// Not included within the timeout; `lastStatus` is what the node last said (nil if it never knew the id).
    case timedOut(id: Hash32, seconds: Double, lastStatus: String?)
    case rpc(RPCError)

    public var description: String {
        switch self {
        case let .timedOut(id, seconds, lastStatus):
            let state = lastStatus.map { "its status is still '\($0)'" } ?? "the node does not know it (dropped from the mempool?)"
            let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "transaction \(id) was not included within \(shown)s: \(state); check later with `proofmint query tx \(id)`"
        case let .rpc(error):
            return "\(error)"
        }
    }
}
