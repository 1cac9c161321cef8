import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ProofmintRPC

/// The HTTP front of the node: JSON-RPC at `POST /`, Prometheus at `GET /metrics`, `GET /health`, the explorer page
/// at `GET /` and `GET /explorer` (unless turned off), every route
/// behind `RPCEdgePolicy` (Host allowlist, JSON bodies only, CORS off unless configured), control methods behind
/// `ControlAccess`, submissions and expensive reads behind per-client buckets (`ClientRateLimiter`), and every
/// request's arrival behind a deadline (`RequestDeadline`).
public struct RPCServer: Sendable {
    public let node: Node
    public let host: String
    public let port: Int
    public let maxBodyBytes: Int
    public let logger: Logger
    public let edge: RPCEdgePolicy
    public let control: ControlAccess
    /// Most connections open at once; past it, new ones wait in the listen backlog until one closes.
    public let maxConnections: Int
    /// Seconds a connection may send nothing (no header, no body part) before it is closed: half-sent requests
    /// cannot hold the connection slots (and file descriptors) for good.
    public let idleTimeoutSeconds: Int
    /// Seconds a request may take to arrive, head and body, from its first byte: a client trickling bytes just
    /// faster than the idle timeout is cut here.
    public let requestTimeoutSeconds: Int
    /// The per-client buckets for submissions and expensive reads (`ClientRateLimiter`).
    public let clientLimits: ClientRateLimiter.Limits
    /// Serve the explorer page (`ExplorerPage`) at `GET /` and `GET /explorer`.
    public let explorer: Bool

    /// `edge` defaults to the loopback names and `host`; `control` to no control methods.
    public init(
        node: Node, host: String, port: Int, maxBodyBytes: Int, logger: Logger, edge: RPCEdgePolicy? = nil,
        control: ControlAccess = .disabled, maxConnections: Int = 512, idleTimeoutSeconds: Int = 30,
        requestTimeoutSeconds: Int = 10, clientLimits: ClientRateLimiter.Limits = .standard, explorer: Bool = true
    ) {
        self.node = node
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        self.edge = edge ?? RPCEdgePolicy(boundHost: host)
        self.control = control
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.clientLimits = clientLimits
        self.explorer = explorer
    }

    /// Serves until the process receives SIGINT or SIGTERM; `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let handler = JSONRPCHandler(methods: RPCMethods(node: node), metrics: node.metrics, limiter: ClientRateLimiter(limits: clientLimits))
        let maxBody = maxBodyBytes
        let metrics = node.metrics
        let control = control
        let router = Router(context: RPCRequestContext.self)
        router.add(middleware: RPCEdgeMiddleware(policy: edge))
        router.post("/") { request, context -> Response in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: maxBody)
            } catch {
                let error = RPCErrorObject.invalidRequest("request body exceeds \(maxBody) bytes")
                return Self.json(JSONRPCHandler.encode(JSONRPCHandler.errorResponse(id: .null, error)), status: .contentTooLarge)
            }
            let verdict = control.verdict(authorization: request.headers[.authorization])
            let reply = await handler.reply(Array(body.readableBytesView), control: verdict, client: RPCClient(address: context.remoteAddress))
            guard let response = reply.body else { return Response(status: .noContent) }
            guard let wait = reply.retryAfterMs else { return Self.json(response, status: .ok) }
            var limited = Self.json(response, status: .tooManyRequests)
            limited.headers[.retryAfter] = String((wait + 999) / 1_000)
            return limited
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        let node = node
        // 503 while blocks cannot be committed, so a supervisor or load balancer sees the outage (issue 13, D6).
        router.get("/health") { _, _ -> Response in
            let problem = await node.storageProblem
            return Response(
                status: problem == nil ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: problem.map { "storage unavailable: \($0)\n" } ?? "ok")))
        }
        if explorer { ExplorerPage.addRoutes(to: router) }
        let app = Application(
            router: router,
            server: HTTPServerBuilder { [idleTimeoutSeconds, requestTimeoutSeconds] responder in
                DeadlineHTTP1Channel(
                    responder: responder, configuration: .init(idleTimeout: .seconds(Int64(idleTimeoutSeconds))),
                    requestTimeout: .seconds(Int64(requestTimeoutSeconds)))
            },
            configuration: .init(
                address: .hostname(host, port: port), serverName: "proofmintd",
                availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
            onServerRunning: { [logger] channel in
                // One accept per read: the connection cap is checked before each read of the listening socket, and
                // NIO's default of 4 accepts a read let a burst of new connections overshoot it by up to 3.
                do {
                    try await channel.setOption(ChannelOptions.maxMessagesPerRead, value: 1).get()
                } catch {
                    logger.warning(
                        "cannot accept one connection per read: a burst of new connections may pass --rpc-max-connections by up to 3",
                        metadata: ["error": "\(error)"])
                }
                await onRunning(channel.localAddress?.port ?? 0)
            },
            logger: logger)
        try await app.runService()
    }

    static func json(_ data: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
