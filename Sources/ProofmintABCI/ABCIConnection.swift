#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection: reads length-prefixed frames (`ABCIFrame`) through a buffer and writes them back.
final class ABCIConnection {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private var start = 0, end = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The next frame's bytes, or nil when the peer closed the connection between frames.
    func readFrame() throws(ABCIError) -> [UInt8]? {
        guard let length = try ABCIFrame.readLength({ () throws(ABCIError) in try nextByte() }) else { return nil }
        var frame = [UInt8]()
        frame.reserveCapacity(Swift.min(length, buffer.count))
        while frame.count < length {
            if start == end, try !fill() { throw .truncatedFrame(expected: length, received: frame.count) }
            let take = Swift.min(length - frame.count, end - start)
            frame.append(contentsOf: buffer[start..<(start + take)])
            start += take
        }
        return frame
    }

    /// Writes `message` as one frame; false if the peer has gone (MSG_NOSIGNAL: EPIPE, not a SIGPIPE that kills the process).
    @discardableResult
    func writeFrame(_ message: [UInt8]) -> Bool {
        let bytes = ABCIFrame.encode(message)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    private func nextByte() throws(ABCIError) -> UInt8? {
        if start == end, try !fill() { return nil }
        defer { start += 1 }
        return buffer[start]
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws(ABCIError) -> Bool {
        start = 0
        end = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                end = count
                return true
            }
            if count == 0 { return false }
            if errno == EINTR { continue }
            // A reset connection is the peer going away, as a close is.
            if errno == ECONNRESET { return false }
            throw .socket(operation: "read from", address: "an ABCI connection", errno: errno)
        }
    }
}
