import Foundation
import ProofmintCore
import ProofmintRPC

/// Parses JSON-RPC 2.0 requests (single or batch) with the core's strict parser, dispatches them and writes the
/// responses with the contract's encoder. Control methods run only under a granted `ControlVerdict`, all the
/// `pm_mine` calls of one body share one block budget, and each call is charged to its client's buckets
/// (`ClientRateLimiter`): a batch's entries count one by one.
struct JSONRPCHandler: Sendable {
    /// At most this many requests of a batch are answered.
    static let maxBatch = 100

    let methods: RPCMethods
    let metrics: NodeMetrics
    /// The per-client limits; nil charges nothing (tests of the handler alone).
    var limiter: ClientRateLimiter?
    /// Milliseconds of a monotonic clock, for the limiter's buckets.
    var clock: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds / 1_000_000 }

    /// What one HTTP request gets back: the body (nil when every request was a notification) and, if a per-client
    /// limit refused a call, the longest wait it asked for (the server answers HTTP 429 then).
    struct Reply {
        var body: Bytes?
        var retryAfterMs: UInt64?
    }

    /// What the calls of one HTTP request share.
    private struct RequestState {
        var miningBudget: UInt64
        var retryAfterMs: UInt64?
        let client: RPCClient?
        let control: ControlVerdict
    }

    /// The response body, or nil when every request was a notification. `control` is the verdict on the HTTP
    /// request's `Authorization` header (`ControlAccess.verdict`).
    func handle(_ body: Bytes, control: ControlVerdict = .disabled) async -> Bytes? {
        await reply(body, control: control, client: nil).body
    }

    /// `handle`, with the calls charged to `client` (none when nil).
    func reply(_ body: Bytes, control: ControlVerdict = .disabled, client: RPCClient?) async -> Reply {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            return Reply(body: Self.encode(Self.errorResponse(id: .null, .parse("the body is not JSON (\(error))"))))
        }
        var state = RequestState(miningBudget: methods.maxMinedPerRequest, client: client, control: control)
        if case let .array(batch) = parsed {
            guard !batch.isEmpty else { return Reply(body: Self.encode(Self.errorResponse(id: .null, .invalidRequest("empty batch")))) }
            var responses = [JSONValue]()
            let requests = Array(batch.prefix(Self.maxBatch))
            var index = 0
            while index < requests.count {
                let submissions = requests[index...].prefix(while: Self.isSubmission)
                if submissions.count > 1 {
                    responses += await handleSubmissions(Array(submissions), state: &state)
                    index += submissions.count
                } else {
                    if let response = await handleOne(requests[index], state: &state) { responses.append(response) }
                    index += 1
                }
            }
            return Reply(body: responses.isEmpty ? nil : Self.encode(.array(responses)), retryAfterMs: state.retryAfterMs)
        }
        let response = await handleOne(parsed, state: &state)
        return Reply(body: response.map(Self.encode), retryAfterMs: state.retryAfterMs)
    }

    private func handleOne(_ request: JSONValue, state: inout RequestState) async -> JSONValue? {
        guard case .object = request else { return Self.errorResponse(id: .null, .invalidRequest("a request must be a JSON object")) }
        let id = request["id"]
        guard request["jsonrpc"] == .string("2.0") else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard let method = request["method"]?.stringValue else {
            return Self.errorResponse(id: id ?? .null, .invalidRequest("'method' must be a string"))
        }
        metrics.rpcRequests.increment()
        if let known = RPCMethod(rawValue: method), known.isControl, let refusal = state.control.error(for: known) {
            return id.map { Self.errorResponse(id: $0, refusal) }
        }
        if let refusal = charge(method, state: &state) { return id.map { Self.errorResponse(id: $0, refusal) } }
        let result: JSONValue
        do {
            result = try await methods.call(method, params: request["params"], miningBudget: &state.miningBudget)
        } catch {
            return id.map { Self.errorResponse(id: $0, error) }
        }
        guard let id else { return nil }
        return .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    /// A well-formed `pm_sendTransaction` request: consecutive ones in a batch are admitted together.
    private static func isSubmission(_ request: JSONValue) -> Bool {
        guard case .object = request, request["jsonrpc"] == .string("2.0") else { return false }
        return request["method"]?.stringValue == RPCMethod.sendTransaction.rawValue
    }

    /// A run of `pm_sendTransaction` requests of one batch: each charged to its client as if sent alone, the rest
    /// admitted in one turn of the node (`RPCMethods.sendTransactions`); the responses in the requests' order.
    private func handleSubmissions(_ requests: [JSONValue], state: inout RequestState) async -> [JSONValue] {
        var responses = [JSONValue?](repeating: nil, count: requests.count)
        var admitted = [Int]()
        for (position, request) in requests.enumerated() {
            metrics.rpcRequests.increment()
            if let refusal = charge(RPCMethod.sendTransaction.rawValue, state: &state) {
                responses[position] = request["id"].map { Self.errorResponse(id: $0, refusal) }
            } else {
                admitted.append(position)
            }
        }
        let results = await methods.sendTransactions(admitted.map { requests[$0]["params"] })
        for (position, result) in zip(admitted, results) {
            guard let id = requests[position]["id"] else { continue }
            switch result {
            case let .success(value): responses[position] = .object([("jsonrpc", .string("2.0")), ("id", id), ("result", value)])
            case let .failure(error): responses[position] = Self.errorResponse(id: id, error)
            }
        }
        return responses.compactMap { $0 }
    }

    /// Charges the call to its client: nil when it may run, otherwise the refusal (and the wait is noted).
    private func charge(_ method: String, state: inout RequestState) -> RPCErrorObject? {
        let cost = RPCCost(method: method)
        guard let limiter, let client = state.client, let wait = limiter.admit(cost, from: client, now: clock()) else { return nil }
        state.retryAfterMs = max(state.retryAfterMs ?? 0, wait)
        return .rateLimited(method, kind: cost == .submission ? "submissions" : "expensive reads", retryAfterMs: wait)
    }

    static func errorResponse(id: JSONValue, _ error: RPCErrorObject) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("error", error.json)])
    }

    static func encode(_ value: JSONValue) -> Bytes { Array(value.compactText.utf8) }
}
