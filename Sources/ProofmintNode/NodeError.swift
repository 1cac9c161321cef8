import ProofmintCore
import ProofmintStorage

/// Failures of the running node, as the operator or RPC client should see them.
public enum NodeError: Error, CustomStringConvertible {
    case mempool(MempoolError)
    case storage(StorageError)
    case block(BlockError)
    /// This node has no validator key, or is not the producer scheduled for the next height.
    case cannotProduce(String)
    case home(String)
    /// The database could not be read: an operator problem, not a verdict on the request.
    case stateUnreadable(String)
    /// Blocks cannot be committed (a full disk, a damaged store), so transactions are refused until one is.
    case storageUnavailable(reason: String, dataPath: String)
    /// A devnet tool on a chain whose genesis does not make it a devnet.
    case notADevnet(chainId: String)
    /// `pm_setNextBlockTimestamp` before the head's timestamp: block time never goes back.
    case timestampBeforeHead(requested: UInt64, head: UInt64, height: UInt64)
    /// `pm_faucet` for more than the dev reserve holds, fee included.
    case faucetReserveShort(reserve: Address, balance: Amount, needed: Amount)
    /// A peer's block that `StateTransition.apply` refused (`--follow`): nothing of it was kept.
    case peerBlockRefused(height: UInt64, BlockError)
    /// A peer's block at a height where this node already committed another: the devnet scheme has no fork choice,
    /// so the first valid block stays.
    case competingBlock(height: UInt64, ours: Hash32, theirs: Hash32)

    public var description: String {
        switch self {
        case let .mempool(error): return error.description
        case let .storage(error): return error.description
        case let .block(error): return "block production failed: \(error)"
        case let .cannotProduce(reason): return reason
        case let .home(reason): return reason
        case let .stateUnreadable(detail): return "the node's database could not be read: \(detail)"
        case let .storageUnavailable(reason, dataPath):
            return "this node cannot commit blocks to \(dataPath), so it accepts no transactions until a commit succeeds "
                + "(it retries by itself; the mempool is kept): \(reason)"
        case let .notADevnet(chainId):
            return "\(chainId) is not a devnet: the devnet tools (fast mining, time control, mining modes, snapshots, the faucet) "
                + "work only on a chain whose genesis says \"devnet\": true, or on a fork made with `proofmintd init --from-state`"
        case let .timestampBeforeHead(requested, head, height):
            return "the next block's timestamp \(requested) is before the head's (\(head), block \(height)): block time never goes back"
        case let .faucetReserveShort(reserve, balance, needed):
            return "the dev reserve \(reserve) holds \(Tokens.format(balance)) AI, less than the \(Tokens.format(needed)) AI asked with the fee"
        case let .peerBlockRefused(height, error): return "refused the peer's block \(height): \(error)"
        case let .competingBlock(height, ours, theirs):
            return "refused the peer's block \(height) (\(theirs)): this node already committed \(ours) at that height, "
                + "and the devnet scheme keeps the first valid block (no fork choice)"
        }
    }
}
