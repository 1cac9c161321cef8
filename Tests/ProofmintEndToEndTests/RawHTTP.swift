import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange over a plain socket, with every header as given: URLSession sets `Host` itself, and the
/// edge tests must send the forged `Host`, `Origin` and content types a hostile web page would.
enum RawHTTP {
    struct Reply {
        let status: Int
        let head: String
        let body: String

        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// A connection to 127.0.0.1:`port` that has sent `partial` and is left open: a slow or hostile client.
    static func open(port: Int, sending partial: String) throws -> Int32 {
        let descriptor = try connectLoopback(port: port)
        let bytes = Array(partial.utf8)
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            close(descriptor)
            throw CommandFailure("write failed: errno \(errno)")
        }
        return descriptor
    }

    /// Whether the server closed `descriptor` (a read returns end of file or a reset) within the socket's timeout.
    static func closedByPeer(_ descriptor: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }

    /// Sends `head` to 127.0.0.1:`port` at once, then `trickled` one byte every `interval` seconds, as a slowloris
    /// client does: the number of trickled bytes sent when the server closed the connection, or nil if it let the
    /// whole request arrive.
    static func trickle(port: Int, head: String, trickled: String, every interval: TimeInterval) throws -> Int? {
        let descriptor = try open(port: port, sending: head)
        defer { close(descriptor) }
        let bytes = Array(trickled.utf8)
        for index in bytes.indices {
            var byte = bytes[index]
            // MSG_NOSIGNAL: a write to a connection the server closed must fail, not raise SIGPIPE in the test.
            guard Glibc.send(descriptor, &byte, 1, Int32(MSG_NOSIGNAL)) == 1 else { return index }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(interval * 1_000)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return index + 1 }
            throw CommandFailure("the server answered a request it had not received whole: \(String(decoding: buffer[0..<count], as: UTF8.self))")
        }
        return nil
    }

    private static func connectLoopback(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CommandFailure("socket() failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw CommandFailure("connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        return descriptor
    }

    /// Sends `method /path` to 127.0.0.1:`port` with `headers` (Content-Length and Connection: close added) and reads
    /// the reply until the server closes.
    static func send(port: Int, method: String = "POST", path: String = "/", headers: [(String, String)], body: String = "") throws -> Reply {
        let descriptor = try connectLoopback(port: port)
        defer { close(descriptor) }
        let bytes = Array(request(method: method, path: path, headers: headers, body: body).utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw CommandFailure("write failed: errno \(errno)") }
            sent += count
        }
        return try readReply(descriptor)
    }

    /// The request `send` would write, for a caller that writes it itself on a connection of its own.
    static func request(method: String = "POST", path: String = "/", headers: [(String, String)], body: String = "") -> String {
        var request = "\(method) \(path) HTTP/1.1\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        return request + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    }

    /// Whether anything (a reply or a close) arrives on `descriptor` within `seconds`, without consuming it.
    static func hasInput(_ descriptor: Int32, within seconds: TimeInterval) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, Int32(seconds * 1_000)) > 0
    }

    /// Reads a reply until the server closes `descriptor` (or the socket's 30 s timeout passes).
    static func readReply(_ descriptor: Int32) throws -> Reply {
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw CommandFailure("no HTTP reply: \(text)") }
        let head = String(text[..<split.lowerBound])
        let statusField = head.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        guard let status = statusField else { throw CommandFailure("no HTTP status: \(head)") }
        return Reply(status: status, head: head, body: String(text[split.upperBound...]))
    }
}
