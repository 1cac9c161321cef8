import ProofmintCore
import ProofmintRPC

/// Parses JSON-RPC 2.0 requests (single or batch) with the core's strict parser, dispatches them and writes the
/// responses with the contract's encoder. Control methods run only under a granted `ControlVerdict`, and all the
/// `pm_mine` calls of one body share one block budget.
struct JSONRPCHandler: Sendable {
    /// At most this many requests of a batch are answered.
    static let maxBatch = 100

    let methods: RPCMethods
    let metrics: NodeMetrics

    /// The response body, or nil when every request was a notification. `control` is the verdict on the HTTP
    /// request's `Authorization` header (`ControlAccess.verdict`).
    func handle(_ body: Bytes, control: ControlVerdict = .disabled) async -> Bytes? {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            return Self.encode(Self.errorResponse(id: .null, .parse("the body is not JSON (\(error))")))
        }
        if case let .array(batch) = parsed {
            guard !batch.isEmpty else { return Self.encode(Self.errorResponse(id: .null, .invalidRequest("empty batch"))) }
            var responses = [JSONValue]()
            var budget = RPCMethods.maxMinedPerRequest
            for request in batch.prefix(Self.maxBatch) {
                if let response = await handleOne(request, control: control, miningBudget: &budget) { responses.append(response) }
            }
            return responses.isEmpty ? nil : Self.encode(.array(responses))
        }
        var budget = RPCMethods.maxMinedPerRequest
        return await handleOne(parsed, control: control, miningBudget: &budget).map(Self.encode)
    }

    private func handleOne(_ request: JSONValue, control: ControlVerdict, miningBudget: inout UInt64) async -> JSONValue? {
        guard case .object = request else { return Self.errorResponse(id: .null, .invalidRequest("a request must be a JSON object")) }
        let id = request["id"]
        guard request["jsonrpc"] == .string("2.0") else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard let method = request["method"]?.stringValue else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'method' must be a string"))
        }
        metrics.rpcRequests.increment()
        if let known = RPCMethod(rawValue: method), known.isControl, let refusal = control.error(for: known) {
            return id.map { Self.errorResponse(id: $0, refusal) }
        }
        let result: JSONValue
        do {
            result = try await methods.call(method, params: request["params"], miningBudget: &miningBudget)
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
