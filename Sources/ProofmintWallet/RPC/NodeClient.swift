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
    /// Sent as `Authorization: Bearer <token>`: a node started with `--control-token-file` serves its devnet control
    /// methods (`pm_mine`) only to callers that send it. Nil sends no Authorization header.
    public let controlToken: String?

    public init(url: URL, requestTimeout: Double = 15, controlToken: String? = nil) {
        self.url = url
        self.requestTimeout = requestTimeout
        self.controlToken = controlToken
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

    /// Calls one method of the contract: its params encoded, its result decoded (and so checked) by the same
    /// types the node answers with.
    public func call<Call: RPCCall>(_ call: Call.Type, _ params: Call.Params) async throws(RPCError) -> Call.Result {
        let method = Call.method.rawValue
        let encoded: JSONValue
        do {
            encoded = try JSONValueEncoder.encode(params)
        } catch {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: "its params could not be encoded: \(error)")
        }
        let result = try await raw(method, params: encoded)
        do {
            return try JSONValueDecoder.decode(Call.Result.self, from: result, path: "result")
        } catch {
            throw .malformedResponse(url: url.absoluteString, method: method, reason: error.description)
        }
    }

    /// A method without params.
    public func call<Call: RPCCall>(_ call: Call.Type) async throws(RPCError) -> Call.Result where Call.Params == NoParams {
        try await self.call(call, NoParams())
    }

    /// Calls `method` with named `params` and returns its `result` as sent: the transport under `call`.
    public func raw(_ method: String, params: JSONValue = .object([])) async throws(RPCError) -> JSONValue {
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
        // The node refuses any other body type (a guard against cross-site requests); Host comes from `url`, which
        // must name a host the node allows (its loopback names and bound address, or --rpc-allowed-hosts).
        if let controlToken { request.setValue("Bearer \(controlToken)", forHTTPHeaderField: "Authorization") }
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
            let remote: RPCErrorObject
            do {
                remote = try JSONValueDecoder.decode(RPCErrorObject.self, from: errorObject, path: "error")
            } catch {
                throw .malformedResponse(url: url.absoluteString, method: method, reason: error.description)
            }
            throw .remote(method: method, remote)
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
    public func status() async throws(RPCError) -> NodeStatus { try await call(Calls.Status.self) }

    /// `pm_getAccount`, optionally with a state proof.
    public func account(_ address: Address, proof: Bool = false) async throws(RPCError) -> AccountState {
        try await call(Calls.GetAccount.self, AccountParams(address: address, proof: proof))
    }

    /// `pm_sendTransaction`: submits the canonical bytes and returns the id, checked against the local one.
    public func send(_ transaction: SignedTransaction) async throws(RPCError) -> Hash32 {
        let id = try await call(Calls.SendTransaction.self, SendTransactionParams(tx: transaction.encoded)).id
        guard id == transaction.id else {
            throw .malformedResponse(
                url: url.absoluteString, method: RPCMethod.sendTransaction.rawValue,
                reason: "it reports id \(id) for transaction \(transaction.id): the node and wallet disagree on the encoding")
        }
        return id
    }

    /// `pm_getTransaction`.
    public func transaction(_ id: Hash32) async throws(RPCError) -> TransactionStatus {
        try await call(Calls.GetTransaction.self, TransactionParams(id: id))
    }

    /// `pm_getStake`: an account's stake and unbonding entries.
    public func stake(_ address: Address) async throws(RPCError) -> StakeState {
        try await call(Calls.GetStake.self, AddressParams(address: address))
    }

    /// `pm_getProviders`: providers by staking power, at most `limit` of them (the node's default when nil).
    public func providers(limit: UInt64? = nil) async throws(RPCError) -> ProviderList {
        try await call(Calls.GetProviders.self, LimitParams(limit: limit))
    }

    /// `pm_getBlock`.
    public func block(_ selector: BlockSelector, full: Bool = false) async throws(RPCError) -> BlockView {
        try await call(Calls.GetBlock.self, selector.params(full: full))
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
