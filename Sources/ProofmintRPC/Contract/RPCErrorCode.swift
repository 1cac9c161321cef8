import ProofmintCore

/// The JSON-RPC error codes (docs/RPC.md, "Errors"): pinned, never renumbered.
public enum RPCErrorCode: Int, CaseIterable, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    /// The transaction itself is inadmissible, or the mempool refuses it for good (duplicate, gap, underpriced).
    case transactionRejected = -32000
    /// The mempool cannot take it now (sender limit, full): trying later may work.
    case mempoolBusy = -32001
    case notFound = -32002
    case miningUnavailable = -32003
    /// A devnet control method on a node not started with `--dev-control`.
    case controlDisabled = -32004
    /// A devnet control method without the `Authorization: Bearer` token the node was started with.
    case unauthorized = -32005
    /// The node cannot commit blocks (a full disk, a damaged store) and takes no transactions until it can.
    case storageUnavailable = -32006
    /// This client has used its share of submissions or expensive reads for now: `data.retry_after_ms` says when
    /// to try again (docs/RPC.md, "The edge").
    case rateLimited = -32007
    /// A devnet tool (time control, fast mining, mining modes, the faucet, snapshots) on a chain whose genesis is not a
    /// devnet.
    case notADevnet = -32008
    /// `pm_getSupplyHistory` or `pm_getAccountHistory` on a node whose home was made without the explorer's indexes.
    case notIndexed = -32009

    /// The stable name docs/RPC.md gives the code.
    public var name: String {
        switch self {
        case .parseError: return "parse_error"
        case .invalidRequest: return "invalid_request"
        case .methodNotFound: return "method_not_found"
        case .invalidParams: return "invalid_params"
        case .internalError: return "internal_error"
        case .transactionRejected: return "transaction_rejected"
        case .mempoolBusy: return "mempool_busy"
        case .notFound: return "not_found"
        case .miningUnavailable: return "mining_unavailable"
        case .controlDisabled: return "control_disabled"
        case .unauthorized: return "unauthorized"
        case .storageUnavailable: return "storage_unavailable"
        case .rateLimited: return "rate_limited"
        case .notADevnet: return "not_a_devnet"
        case .notIndexed: return "not_indexed"
        }
    }
}

/// `error.data` of a refusal: the stable name of the reason, the transaction error code where there is one, and
/// for a rate limit how long to wait.
public struct RPCErrorData: RPCObject {
    @Omittable public var code: UInt16?
    public var name: String
    public var message: String
    @Omittable public var retryAfterMs: UInt64?

    public init(code: UInt16? = nil, name: String, message: String, retryAfterMs: UInt64? = nil) {
        self.code = code
        self.name = name
        self.message = message
        self.retryAfterMs = retryAfterMs
    }
}

/// A JSON-RPC 2.0 error object, as the node sends it and the wallet reads it.
public struct RPCErrorObject: RPCObject, Error, CustomStringConvertible {
    public var code: Int
    public var message: String
    @Omittable public var data: RPCErrorData?

    public init(code: Int, message: String, data: RPCErrorData? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public init(_ code: RPCErrorCode, _ message: String, data: RPCErrorData? = nil) {
        self.init(code: code.rawValue, message: message, data: data)
    }

    public var knownCode: RPCErrorCode? { RPCErrorCode(rawValue: code) }

    public var description: String {
        var text = "error \(code): \(message)"
        if let data, code == RPCErrorCode.transactionRejected.rawValue {
            text += " [\(data.name)"
            if let number = data.code { text += " (code \(number))" }
            text += "]"
            if !message.hasSuffix(data.message) { text += ": \(data.message)" }
        }
        return text
    }
}
