import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProofmintCore

/// A JSON-RPC 2.0 client for `proofmintd` (docs/RPC.md): one HTTP POST per call, typed errors, typed results.
public struct NodeClient: Sendable {
    public static let defaultURL = "http://127.0.0.1:8645"
    public static let environmentVariable = "PROOFMINT_NODE"

    public let url: URL
    /// Seconds before a single request is given up.
    public let requestTimeout: Double

    public init(url: URL, requestTimeout: Double = 15) {
        self.url = url
        self.requestTimeout = requestTimeout
    }

    /// Parses `http://host:port[/path]`; a bare `host:port` gets `http://` in front.
    public static func parseURL(_ text: String) throws(RPCError) -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalidNodeURL(text, reason: "it is empty") }
        let full = trimmed.contains("://") ? trimmed : "http://\(trimmed)"
        guard let components = URLComponents(string: full), let scheme = components.scheme?.lowercased() else {
            throw .invalidNodeURL(text, reason: "it is not a URL")
        }
        guard scheme == "http" || scheme == "https" else { throw .invalidNodeURL(text, reason: "the scheme must be http or https") }
        guard let host = components.host, !host.isEmpty else { throw .invalidNodeURL(text, reason: "it has no host") }
        guard let url = components.url else { throw .invalidNodeURL(text, reason: "it is not a URL") }
        return url
    }

    /// Calls `method` with named `params` and returns its `result`.
    public func call(_ method: String, params: JSONValue = .object([])) async throws(RPCError) -> JSONValue {
        let body = JSONValue.object([
            ("jsonrpc", .string("2.0")),
            ("id", .int(1)),
            ("method", .string(method)),
            ("params", params),
        ])
        var request = URLRequest(url: url, timeoutInterval: requestTimeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(body.compactText.utf8)

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = requestTimeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw .unreachable(url: url.absoluteString, reason: Self.reason(for: error))
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        let bytes = Bytes(data)

        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            if status != 200 {
                throw .httpStatus(url: url.absoluteString, status: status, body: String(decoding: bytes, as: UTF8.self))
            }
            throw .malformedResponse(url: url.absoluteString, method: method, reason: "the body is not JSON (\(error))")
        }
        if let errorObject = document["error"], !errorObject.isNull {
            guard let code = errorObject["code"]?.intValue else {
                throw .malformedResponse(url: url.absoluteString, method: method, reason: "'error' has no numeric 'code'")
            }
            let message = errorObject["message"]?.stringValue ?? "(no message)"
            throw .remote(method: method, RPCRemoteError(code: code, message: message, data: errorObject["data"]))
        }
        guard status == 200 else {
            throw .httpStatus(url: url.absoluteString, status: status, body: String(decoding: bytes, as: UTF8.self))
        }
        guard let result = document["result"] else {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: "neither 'result' nor 'error' is present")
        }
        return result
    }

    /// `pm_status`.
    public func status() async throws(RPCError) -> NodeStatus {
        let result = try await call("pm_status")
        return try decode("pm_status") { () throws(JSONShapeError) in try NodeStatus(json: result) }
    }

    /// `pm_getAccount`, optionally with a state proof.
    public func account(_ address: Address, proof: Bool = false) async throws(RPCError) -> AccountState {
        let result = try await call("pm_getAccount", params: .object([("address", .string(address.text)), ("proof", .bool(proof))]))
        return try decode("pm_getAccount") { () throws(JSONShapeError) in try AccountState(json: result) }
    }

    /// `pm_sendTransaction`: submits the canonical bytes and returns the id, checked against the local one.
    public func send(_ transaction: SignedTransaction) async throws(RPCError) -> Hash32 {
        let result = try await call("pm_sendTransaction", params: .object([("tx", .string(transaction.canonicalBytes.hex))]))
        let id = try decode("pm_sendTransaction") { () throws(JSONShapeError) in try JSONObjectReader(result, path: "result").hash("id") }
        guard id == transaction.id else {
            throw .malformedResponse(
                url: url.absoluteString, method: "pm_sendTransaction",
                reason: "it reports id \(id) for transaction \(transaction.id): the node and wallet disagree on the encoding")
        }
        return id
    }

    /// `pm_getTransaction`.
    public func transaction(_ id: Hash32) async throws(RPCError) -> TransactionStatus {
        let result = try await call("pm_getTransaction", params: .object([("id", .string(id.hex))]))
        return try decode("pm_getTransaction") { () throws(JSONShapeError) in try TransactionStatus(json: result) }
    }

    /// `pm_getStake`: an account's stake and unbonding entries.
    public func stake(_ address: Address) async throws(RPCError) -> StakeState {
        let result = try await call("pm_getStake", params: .object([("address", .string(address.text))]))
        return try decode("pm_getStake") { () throws(JSONShapeError) in try StakeState(json: result) }
    }

    /// `pm_getProviders`: providers by staking power, at most `limit` of them (the node's default when nil).
    public func providers(limit: UInt64? = nil) async throws(RPCError) -> ProviderList {
        let params: JSONValue = .object(limit.map { [("limit", JSONValue.uint($0))] } ?? [])
        let result = try await call("pm_getProviders", params: params)
        return try decode("pm_getProviders") { () throws(JSONShapeError) in try ProviderList(json: result) }
    }

    /// `pm_getBlock`, returned as the node sent it (the wallet only displays blocks).
    public func block(_ selector: BlockSelector, full: Bool = false) async throws(RPCError) -> JSONValue {
        var params = selector.params
        if full, case let .object(members) = params { params = .object(members + [("full", .bool(true))]) }
        let result = try await call("pm_getBlock", params: params)
        _ = try decode("pm_getBlock") { () throws(JSONShapeError) in try JSONObjectReader(result, path: "result") }
        return result
    }

    private func decode<T>(_ method: String, _ body: () throws(JSONShapeError) -> T) throws(RPCError) -> T {
        do {
            return try body()
        } catch {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: error.description)
        }
    }

    /// A short reason for a transport failure ("Could not connect to the server.").
    private static func reason(for error: any Error) -> String {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .cannotConnectToHost: return "connection refused"
            case .timedOut: return "timed out"
            case .cannotFindHost: return "unknown host"
            case .notConnectedToInternet, .networkConnectionLost: return "network unavailable"
            default: return urlError.localizedDescription
            }
        }
        return "\(error)"
    }
}
