import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProofmintCore
import ProofmintRPC

/// A tiny HTTP/1.1 server on 127.0.0.1 for client tests: each POST's JSON-RPC method and params go to `handler`,
/// whose (status, body) is sent back. One connection at a time, closed after each answer.
public final class CannedRPCServer: @unchecked Sendable {
    public typealias Handler = @Sendable (_ method: String, _ params: JSONValue) -> (status: Int, body: String)

    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var seenMethods: [String] = []
    /// Signalled by the serving thread once it has closed the listener, so a stopped server's descriptor can never
    /// be reused by the next test's server while the old thread still accepts on it.
    private let finished = DispatchSemaphore(value: 0)

    public var methods: [String] { lock.withLock { seenMethods } }
    public var url: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Stops listening (new connections are refused) and returns once the serving thread has ended.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { break }
            handle(connection)
            close(connection)
        }
        close(listener)
        finished.signal()
    }

    private func handle(_ connection: Int32) {
        var received = Bytes()
        var buffer = Bytes(repeating: 0, count: 4096)
        var bodyStart: Int?
        var contentLength = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            received += buffer[0..<count]
            if bodyStart == nil, let end = Self.headerEnd(received) {
                bodyStart = end
                let headers = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                for line in headers.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    contentLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let start = bodyStart, received.count - start >= contentLength { break }
        }
        let body = Array(received[(bodyStart ?? received.count)...])
        let request = (try? JSONParser.parse(body)) ?? .null
        let method = request["method"]?.stringValue ?? ""
        lock.withLock { seenMethods.append(method) }
        let (status, text) = handler(method, request["params"] ?? .null)
        let payload = Array(text.utf8)
        let head = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        let response = Array(head.utf8) + payload
        var sent = 0
        while sent < response.count {
            let count = response.withUnsafeBytes { send(connection, $0.baseAddress.map { $0 + sent }, response.count - sent, 0) }
            guard count > 0 else { return }
            sent += count
        }
    }

    private static func headerEnd(_ bytes: Bytes) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// A JSON-RPC success body.
    public static func result(_ value: JSONValue) -> (status: Int, body: String) {
        (200, JSONValue.object([("jsonrpc", .string("2.0")), ("id", .int(1)), ("result", value)]).compactText)
    }

    /// A JSON-RPC success body carrying a typed result, encoded as the node encodes it.
    public static func result<Result: RPCObject>(_ value: Result) -> (status: Int, body: String) { result(value.json) }

    /// A JSON-RPC error body, as the node sends it.
    public static func error(_ error: RPCErrorObject) -> (status: Int, body: String) {
        (200, JSONValue.object([("jsonrpc", .string("2.0")), ("id", .int(1)), ("error", error.json)]).compactText)
    }

    /// A JSON-RPC error body with a known code.
    public static func error(_ code: RPCErrorCode, _ message: String, data: RPCErrorData? = nil) -> (status: Int, body: String) {
        error(RPCErrorObject(code, message, data: data))
    }
}
