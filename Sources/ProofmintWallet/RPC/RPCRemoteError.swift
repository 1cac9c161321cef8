/// A JSON-RPC error object the node answered with (see docs/RPC.md, "Errors").
public struct RPCRemoteError: Equatable, Sendable, CustomStringConvertible {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let transactionRejected = -32000
    public static let mempoolFull = -32001
    public static let notFound = -32002
    public static let miningUnavailable = -32003

    public let code: Int
    public let message: String
    public let data: JSONValue?

    public init(code: Int, message: String, data: JSONValue?) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// For -32000: the stable transaction error name (`nonce_too_low`, …) from `data`.
    public var transactionErrorName: String? { code == Self.transactionRejected ? data?["name"]?.stringValue : nil }
    /// For -32000: the transaction error code from `data`.
    public var transactionErrorCode: Int? { code == Self.transactionRejected ? data?["code"]?.intValue : nil }
    /// For -32000: the transaction error's explanation from `data`.
    public var transactionErrorMessage: String? { code == Self.transactionRejected ? data?["message"]?.stringValue : nil }

    public var description: String {
        var text = "error \(code): \(message)"
        if let name = transactionErrorName {
            text += " [\(name)"
            if let number = transactionErrorCode { text += " (code \(number))" }
            text += "]"
            // The node's message usually already ends with the detail ("transaction rejected: <detail>").
            if let detail = transactionErrorMessage, !message.hasSuffix(detail) { text += ": \(detail)" }
        }
        return text
    }
}
