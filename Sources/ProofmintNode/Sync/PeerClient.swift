import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProofmintCore
import ProofmintRPC

/// The follower's JSON-RPC client to one peer: the three calls sync needs, typed by the contract (`ProofmintRPC`).
/// One URLSession per peer, so the long poll and the block fetches reuse their connections.
struct PeerClient: Sendable {
    /// Why a call to a peer failed; the follower backs the peer off either way.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let url: URL
    private let session: URLSession

    /// `timeoutSeconds` must exceed the long poll's wait, or every poll would fail.
    init(url: URL, timeoutSeconds: Double) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds
        session = URLSession(configuration: configuration)
    }

    func waitForHead(after height: UInt64, timeoutMs: UInt64) async throws(Failure) -> WaitForHeadResult {
        try await call(Calls.WaitForHead.self, WaitForHeadParams(afterHeight: height, timeoutMs: timeoutMs))
    }

    /// Up to `count` blocks from `height`, decoded (not yet verified: that is `Node.accept`'s).
    func blocks(from height: UInt64, count: UInt64) async throws(Failure) -> [Block] {
        let result = try await call(Calls.GetRawBlocks.self, RawBlocksParams(from: height, count: count))
        do {
            return try result.rawBlocks.map { try Block(canonical: $0.bytes) }
        } catch {
            throw Failure(description: "\(url) served a block that does not decode: \(error)")
        }
    }

    /// The most calls a node answers in one JSON-RPC batch (docs/RPC.md, "Batches").
    static let maxBatch = 100

    /// Sends transactions as JSON-RPC batches of `pm_sendTransaction` (one request per hundred, not one each) and
    /// returns the peer's refusals, one line each (a peer that already has a transaction refuses it as a duplicate).
    func send(_ transactions: [Bytes]) async throws(Failure) -> [String] {
        var refusals = [String]()
        for start in stride(from: 0, to: transactions.count, by: Self.maxBatch) {
            let chunk = transactions[start..<min(start + Self.maxBatch, transactions.count)]
            // The params as `SendTransactionParams` encodes them (`Hex`: the bytes' hex).
            let calls = chunk.enumerated().map { index, transaction in
                Self.request(Calls.SendTransaction.method.rawValue, id: index, params: .object([("tx", .string(transaction.hex))]))
            }
            let answers = try await post(.array(calls), method: Calls.SendTransaction.method.rawValue).arrayValue ?? []
            refusals += answers.compactMap { $0["error"]?["message"]?.stringValue }
        }
        return refusals
    }

    private func call<Call: RPCCall>(_ call: Call.Type, _ params: Call.Params) async throws(Failure) -> Call.Result {
        let method = Call.method.rawValue
        do {
            let body = Self.request(method, id: 1, params: try JSONValueEncoder.encode(params))
            let document = try await post(body, method: method)
            if let error = document["error"], !error.isNull {
                let remote = try JSONValueDecoder.decode(RPCErrorObject.self, from: error, path: "error")
                throw Failure(description: "\(url) answered \(method) with \(remote)")
            }
            guard let result = document["result"] else { throw Failure(description: "\(url) answered \(method) without a result") }
            return try JSONValueDecoder.decode(Call.Result.self, from: result, path: "result")
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(method) to \(url) failed: \(error)")
        }
    }

    /// One JSON-RPC 2.0 request object.
    private static func request(_ method: String, id: Int, params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", .int(id)), ("method", .string(method)), ("params", params)])
    }

    /// Posts one JSON-RPC request or batch and parses the answer.
    private func post(_ body: JSONValue, method: String) async throws(Failure) -> JSONValue {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.compactText.utf8)
        let data: Data
        do { (data, _) = try await session.data(for: request) } catch {
            throw Failure(description: "\(url) unreachable: \(Self.reason(error))")
        }
        do { return try JSONParser.parse(Bytes(data)) } catch {
            throw Failure(description: "\(url) answered \(method) with something that is not JSON: \(error)")
        }
    }

    /// A transport failure in a few words (URLError's description on Linux is a page of nested dictionaries).
    private static func reason(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return "\(error)" }
        switch urlError.code {
        case .cannotConnectToHost: return "connection refused"
        case .timedOut: return "timed out"
        case .networkConnectionLost: return "connection lost"
        default: return "URL error \(urlError.code.rawValue)"
        }
    }
}
