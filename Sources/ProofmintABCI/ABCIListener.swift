#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening stream socket on an `ABCIAddress` (plain POSIX sockets: CometBFT's clients are few and long-lived, one
/// per connection kind, so a thread per connection is all the concurrency this needs).
public final class ABCIListener: @unchecked Sendable {
    public let address: ABCIAddress
    private let descriptor: Int32

    /// Binds and listens. A TCP port of 0 picks a free one; `address` then names the port bound. A Unix socket path
    /// left by an earlier run is replaced only if nothing listens on it.
    public init(_ requested: ABCIAddress) throws(ABCIError) {
        switch requested {
        case let .tcp(host, port):
            (descriptor, address) = try Self.bindTCP(host: host, port: port, requested: requested)
        case let .unix(path):
            descriptor = try Self.bindUnix(path: path, requested: requested)
            address = requested
        }
        guard listen(descriptor, 16) == 0 else {
            let code = errno
            close(descriptor)
            throw .socket(operation: "listen on", address: requested.description, errno: code)
        }
    }

    /// The next connection's descriptor; retries when interrupted.
    public func accept() throws(ABCIError) -> Int32 {
        while true {
            let connection = Self.systemAccept(descriptor)
            if connection >= 0 { return connection }
            if errno == EINTR || errno == ECONNABORTED { continue }
            throw .socket(operation: "accept a connection on", address: address.description, errno: errno)
        }
    }

    deinit { close(descriptor) }

    private static func systemAccept(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.accept(descriptor, nil, nil)
        #else
        Darwin.accept(descriptor, nil, nil)
        #endif
    }

    private static func bindTCP(host: String, port: UInt16, requested: ABCIAddress) throws(ABCIError) -> (Int32, ABCIAddress) {
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        let hostIP = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, hostIP, &socketAddress.sin_addr) == 1 else { throw .badAddress(requested.description) }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw .socket(operation: "open a socket for", address: requested.description, errno: errno) }
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw .socket(operation: "bind", address: requested.description, errno: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, .tcp(host: host, port: UInt16(bigEndian: actual.sin_port)))
    }

    private static func bindUnix(path: String, requested: ABCIAddress) throws(ABCIError) -> Int32 {
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: socketAddress.sun_path) else { throw .badAddress(requested.description) }
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw .socket(operation: "open a socket for", address: requested.description, errno: errno) }
        let bindPath = { () -> Int32 in
            withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
        var bound = bindPath()
        // A stale socket file from a run that was killed: replace it unless something still answers there.
        if bound != 0, errno == EADDRINUSE, !isListening(&socketAddress) {
            unlink(path)
            bound = bindPath()
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw .socket(operation: "bind", address: requested.description, errno: code)
        }
        return descriptor
    }

    private static func isListening(_ socketAddress: inout sockaddr_un) -> Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        let connected = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return connected == 0
    }
}
