#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What can go wrong serving ABCI; each message says what to check or do.
public enum ABCIError: Error, Equatable, CustomStringConvertible {
    case badAddress(String)
    case socket(operation: String, address: String, errno: Int32)
    /// A frame's length prefix is not a valid unsigned varint (more than 10 bytes, or past 64 bits).
    case malformedLength
    case frameTooLarge(length: UInt64, max: Int)
    /// The connection closed in the middle of a frame.
    case truncatedFrame(expected: Int, received: Int)
    case undecodableRequest(String)
    case emptyRequest

    public var description: String {
        switch self {
        case let .badAddress(text):
            return "cannot use \"\(text)\" as an ABCI address: give tcp://HOST:PORT (an IPv4 address, e.g. tcp://127.0.0.1:26658) "
                + "or unix:///absolute/path"
        case let .socket(operation, address, code):
            let reason = String(cString: strerror(code))
            return "cannot \(operation) \(address): \(reason)"
                + (code == EADDRINUSE ? " (another process, perhaps another `proofmintd abci`, is listening there)" : "")
        case .malformedLength:
            return "the frame's length prefix is not an unsigned varint of at most 10 bytes (CometBFT v0.38 frames each message "
                + "with protoio's uvarint length): is the peer speaking ABCI v0.38 over the socket protocol?"
        case let .frameTooLarge(length, max):
            return "a frame announces \(length) bytes, more than the \(max) this server accepts; the connection is closed"
        case let .truncatedFrame(expected, received):
            return "the connection closed after \(received) of a frame's \(expected) bytes"
        case let .undecodableRequest(detail):
            return "the frame is not a tendermint.abci.Request (v0.38): \(detail)"
        case .emptyRequest:
            return "the request has no value set (an empty tendermint.abci.Request oneof)"
        }
    }
}
