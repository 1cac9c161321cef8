import Foundation

/// Parses JSON-RPC 2.0 requests (single or batch), dispatches them and serialises the responses.
struct JSONRPCHandler: Sendable {
    let methods: RPCMethods
    let metrics: NodeMetrics

    /// The response body, or nil when every request was a notification.
    func handle(_ body: Data) async -> Data? {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            return Self.encode(Self.errorResponse(id: NSNull(), .parse("the body is not JSON")))
        }
        if let batch = parsed as? [Any] {
            guard !batch.isEmpty else { return Self.encode(Self.errorResponse(id: NSNull(), .invalidRequest("empty batch"))) }
            var responses = [Any]()
            for request in batch.prefix(100) {
                if let response = await handleOne(request) { responses.append(response) }
            }
            return responses.isEmpty ? nil : Self.encode(responses)
        }
        return await handleOne(parsed).map(Self.encode)
    }

    private func handleOne(_ request: Any) async -> [String: Any]? {
        guard let object = request as? [String: Any] else {
            return Self.errorResponse(id: NSNull(), .invalidRequest("a request must be a JSON object"))
        }
        let id = object["id"]
        guard object["jsonrpc"] as? String == "2.0" else {
            return Self.errorResponse(id: id ?? NSNull(), .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard let method = object["method"] as? String else {
            return Self.errorResponse(id: id ?? NSNull(), .invalidRequest("'method' must be a string"))
        }
        metrics.rpcRequests.increment()
        let result: Any
        do {
            result = try await methods.call(method, params: object["params"])
        } catch {
            return id == nil ? nil : Self.errorResponse(id: id ?? NSNull(), error)
        }
        guard let id else { return nil }
        return ["jsonrpc": "2.0", "id": id, "result": result]
    }

    static func errorResponse(id: Any, _ error: RPCError) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id, "error": error.json]
    }

    static func encode(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error: response not encodable"}}"#.utf8)
    }
}
