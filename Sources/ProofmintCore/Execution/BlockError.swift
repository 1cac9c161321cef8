/// Why a block was refused. A refused block changes nothing.
public enum BlockError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongChainId(expected: String, actual: String)
    case wrongHeight(expected: UInt64, actual: UInt64)
    case wrongParent(expected: Hash32, actual: Hash32)
    case timestampBeforeParent(parent: UInt64, actual: UInt64)
    case wrongProducer(height: UInt64, expected: String)
    case badProducerSignature(height: UInt64)
    /// The header's beacon is not the scheduled producer's VRF proof for this chain and height (protocol version 3).
    case badBeacon(height: UInt64)
    case transactionCountMismatch(header: UInt32, actual: Int)
    case tooManyTransactions(count: Int, max: UInt32)
    case tooLarge(bytes: Int, max: UInt32)
    case transactionRootMismatch(header: Hash32, computed: Hash32)
    case invalidTransaction(index: Int, id: Hash32, error: TransactionError)
    case receiptRootMismatch(header: Hash32, computed: Hash32)
    case stateRootMismatch(header: Hash32, computed: Hash32)
    case state(StateReadError)
    /// An end-of-block step (the epoch settlement or governance's tallies and executions) could not complete (an
    /// amount would leave the 128-bit range): unreachable while the supply is capped, and a block error rather than a
    /// trap if it ever happened.
    case settlementFailed(height: UInt64, error: TransactionError)
    /// Governance passed an upgrade this build does not implement; from its height this node stops.
    case unknownUpgrade(name: String, height: UInt64)

    public var description: String {
        switch self {
        case let .wrongChainId(expected, actual): return "block is for chain '\(actual)', expected '\(expected)'"
        case let .wrongHeight(expected, actual): return "block height \(actual), expected \(expected)"
        case let .wrongParent(expected, actual): return "block's parent is \(actual), expected \(expected)"
        case let .timestampBeforeParent(parent, actual): return "block timestamp \(actual) is before its parent's \(parent)"
        case let .wrongProducer(height, expected): return "block \(height) was not produced by the scheduled validator \(expected)"
        case let .badProducerSignature(height): return "block \(height) has a producer signature that does not verify"
        case let .badBeacon(height):
            return "block \(height) has a beacon that is not the scheduled producer's VRF proof for this chain and height"
        case let .transactionCountMismatch(header, actual): return "header says \(header) transactions, block has \(actual)"
        case let .tooManyTransactions(count, max): return "block has \(count) transactions, the limit is \(max)"
        case let .tooLarge(bytes, max): return "block transactions take \(bytes) bytes, the limit is \(max)"
        case let .transactionRootMismatch(header, computed): return "transaction root mismatch: header \(header), computed \(computed)"
        case let .invalidTransaction(index, id, error): return "transaction \(index) (\(id)) is not admissible: \(error)"
        case let .receiptRootMismatch(header, computed): return "receipt root mismatch: header \(header), computed \(computed)"
        case let .stateRootMismatch(header, computed): return "state root mismatch: header \(header), computed \(computed)"
        case let .state(error): return "state read failed: \(error)"
        case let .settlementFailed(height, error): return "the end-of-block step at height \(height) failed: \(error)"
        case let .unknownUpgrade(name, height):
            return "governance scheduled the protocol upgrade '\(name)' at height \(height), which this build does not implement: "
                + "install a release that knows it; this node stops rather than fork"
        }
    }
}
