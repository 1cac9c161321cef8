/// A JSON-RPC 2.0 error object. Codes are documented in docs/RPC.md and never renumbered.
public struct RPCError: Error, @unchecked Sendable {
    public let code: Int
    public let message: String
    public let data: Any?

    public init(code: Int, message: String, data: Any? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    static func parse(_ detail: String) -> RPCError { RPCError(code: -32700, message: "parse error: \(detail)") }
    static func invalidRequest(_ detail: String) -> RPCError { RPCError(code: -32600, message: "invalid request: \(detail)") }
    static func methodNotFound(_ method: String) -> RPCError { RPCError(code: -32601, message: "method not found: \(method)") }
    static func invalidParams(_ detail: String) -> RPCError { RPCError(code: -32602, message: "invalid params: \(detail)") }
    static func internalError(_ detail: String) -> RPCError { RPCError(code: -32603, message: "internal error: \(detail)") }
    static func notFound(_ detail: String) -> RPCError { RPCError(code: -32002, message: detail) }
    static func cannotMine(_ detail: String) -> RPCError { RPCError(code: -32003, message: detail) }

    var json: [String: Any] {
        var object: [String: Any] = ["code": code, "message": message]
        if let data { object["data"] = data }
        return object
    }
}
