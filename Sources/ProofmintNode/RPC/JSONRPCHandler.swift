import ProofmintCore
import ProofmintRPC

/// Parses JSON-RPC 2.0 requests (single or batch) with the core's strict parser, dispatches them and writes the
/// responses with the contract's encoder.
struct JSONRPCHandler: Sendable {
    /// At most this many requests of a batch are answered.
    static let maxBatch = 100

    let methods: RPCMethods
    let metrics: NodeMetrics

    /// The response body, or nil when every request was a notification.
    func handle(_ body: Bytes) async -> Bytes? {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            return Self.encode(Self.errorResponse(id: .null, .parse("the body is not JSON (\(error))")))
        }
        if case let .array(batch) = parsed {
            guard !batch.isEmpty else { return Self.encode(Self.errorResponse(id: .null, .invalidRequest("empty batch"))) }
            var responses = [JSONValue]()
            for request in batch.prefix(Self.maxBatch) {
                if let response = await handleOne(request) { responses.append(response) }
            }
            return responses.isEmpty ? nil : Self.encode(.array(responses))
        }
        return await handleOne(parsed).map(Self.encode)
    }

    private func handleOne(_ request: JSONValue) async -> JSONValue? {
        guard case .object = request else { return Self.errorResponse(id: .null, .invalidRequest("a request must be a JSON object")) }
        let id = request["id"]
        guard request["jsonrpc"] == .string("2.0") else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard let method = request["method"]?.stringValue else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'method' must be a string"))
        }
        metrics.rpcRequests.increment()
        let result: JSONValue
        do {
            result = try await methods.call(method, params: request["params"])
        } catch {
            return id.map { Self.errorResponse(id: $0, error) }
        }
        guard let id else { return nil }
        return .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    static func errorResponse(id: JSONValue, _ error: RPCErrorObject) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("error", error.json)])
    }

    static func encode(_ value: JSONValue) -> Bytes { Array(value.compactText.utf8) }
}
