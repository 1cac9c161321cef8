import Foundation
import NIOCore

/// Who a request comes from, for the per-client limits: the remote IP address. An IPv6 client is its /64, since one
/// host commonly holds a whole /64 and could otherwise rotate addresses to get fresh buckets.
public struct RPCClient: Hashable, Sendable, CustomStringConvertible {
    /// The address (IPv4) or the /64 prefix (IPv6) as text: the key of the client's buckets.
    public let key: String
    /// 127.0.0.0/8 or ::1: the operator's own tools, which get the generous loopback limits.
    public let isLoopback: Bool

    public init(key: String, isLoopback: Bool) {
        self.key = key
        self.isLoopback = isLoopback
    }

    /// The client behind `address`; nil for a Unix socket or no address (no per-client limit applies then).
    public init?(address: SocketAddress?) {
        guard let text = address?.ipAddress else { return nil }
        self.init(ipAddress: text)
    }

    /// The client with textual IP address `text` (as `SocketAddress.ipAddress` gives it).
    public init?(ipAddress text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self.init(key: text, isLoopback: UInt32(bigEndian: v4.s_addr) >> 24 == 127)
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        // An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is that IPv4 client.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            self.init(ipAddress: bytes[12...].map(String.init).joined(separator: "."))
            return
        }
        let prefix = stride(from: 0, to: 8, by: 2).map { String(format: "%02x%02x", bytes[$0], bytes[$0 + 1]) }.joined(separator: ":")
        self.init(key: prefix + "::/64", isLoopback: bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1)
    }

    public var description: String { key }
}
