import NIOCore
import NIOHTTP1
import NIOPosix
import ProofmintCore

/// One keep-alive HTTP/1.1 connection to the node, over SwiftNIO, posting one request at a time. The load generator
/// shares the machine with the node it measures: `URLSession` (libcurl and its dispatch plumbing, and the wallet
/// client's new session per call for the watcher) kept half a core busy for what is, on loopback, a write and a read
/// per batch; this keeps the generator's own cost near the bytes.
struct LoadConnection {
    typealias HTTPChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// A node that keeps a request this long without a byte of answer has stalled: the connection is closed and the
    /// run fails instead of waiting for ever.
    static let answerTimeout = TimeAmount.seconds(60)

    /// An HTTP answer: its status and body.
    struct Answer {
        let status: HTTPResponseStatus
        let body: ByteBuffer
    }

    /// The node's RPC endpoint.
    struct Endpoint: Sendable {
        let host: String
        let port: Int
        let path: String
    }

    /// Opens `connections` connections to `endpoint` and runs `body` with each, concurrently; closes them all after
    /// and returns what each run returned.
    static func withConnections<Output: Sendable>(
        _ connections: Int, to endpoint: Endpoint, _ body: @escaping @Sendable (inout LoadConnection) async throws -> Output
    ) async throws -> [Output] {
        try await withThrowingTaskGroup(of: Output.self) { group in
            for _ in 0..<connections {
                let channel = try await open(endpoint)
                group.addTask {
                    try await channel.executeThenClose { inbound, outbound in
                        var connection = LoadConnection(endpoint, responses: inbound.makeAsyncIterator(), requests: outbound)
                        return try await body(&connection)
                    }
                }
            }
            var outputs = [Output]()
            for try await output in group { outputs.append(output) }
            return outputs
        }
    }

    private static func open(_ endpoint: Endpoint) async throws -> HTTPChannel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([IdleStateHandler(readTimeout: answerTimeout), CloseWhenIdle()])
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try HTTPChannel(wrappingChannelSynchronously: channel)
                }
            }
    }

    private let head: HTTPRequestHead
    private var responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>

    private init(
        _ endpoint: Endpoint, responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator,
        requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
        headers.add(name: "Content-Type", value: "application/json")
        head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.path, headers: headers)
        self.responses = responses
        self.requests = requests
    }

    /// A JSON-RPC call: its result, or a failure naming the node's error or HTTP status.
    mutating func call(_ method: String, params: JSONValue = .object([])) async throws -> JSONValue {
        let request = JSONValue.object([("jsonrpc", .string("2.0")), ("id", .int(1)), ("method", .string(method)), ("params", params)])
        let answer = try await post(ByteBuffer(string: request.compactText))
        guard answer.status == .ok else { throw LoadFailure(description: "\(method): the node answered HTTP \(answer.status.code)") }
        let document = try JSONParser.parse(Bytes(answer.body.readableBytesView))
        if let error = document["error"], !error.isNull { throw LoadFailure(description: "\(method): \(error.compactText)") }
        guard let result = document["result"] else { throw LoadFailure(description: "\(method): the answer holds no result") }
        return result
    }

    /// Posts `body` (JSON) and returns the node's answer.
    mutating func post(_ body: ByteBuffer) async throws -> Answer {
        var head = self.head
        head.headers.add(name: "Content-Length", value: String(body.readableBytes))
        try await requests.write(contentsOf: [.head(head), .body(.byteBuffer(body)), .end(nil)])
        var status = HTTPResponseStatus.ok
        var answer = ByteBuffer()
        while let part = try await responses.next() {
            switch part {
            case let .head(response): status = response.status
            case var .body(bytes): answer.writeBuffer(&bytes)
            case .end: return Answer(status: status, body: answer)
            }
        }
        throw LoadFailure(description: "the node closed the connection, or sent nothing for \(Self.answerTimeout.nanoseconds / 1_000_000_000) s, before answering")
    }
}

/// Closes the connection when `IdleStateHandler` reports no read for `LoadConnection.answerTimeout`.
private final class CloseWhenIdle: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else { return context.fireUserInboundEventTriggered(event) }
        context.close(promise: nil)
    }
}
