import Foundation
import ProofmintABCIProto
import SwiftProtobuf
import XCTest

/// A `proofmintd abci` child process over a home, and the address it listens on (from HOME/abci.address).
final class ABCIProcess {
    let home: String
    private(set) var process: Process?
    private(set) var address = ""
    private let logPath: String

    init(home: String) {
        self.home = home
        self.logPath = home + "/abci.log"
    }

    /// Starts `proofmintd abci --address requested` (with `arguments` added) and waits until it has written the address
    /// it bound.
    func start(address requested: String, arguments: [String] = []) throws {
        let addressFile = home + "/abci.address"
        try? FileManager.default.removeItem(atPath: addressFile)
        let process = try Command.launch(["abci", "--home", home, "--address", requested] + arguments, logPath: logPath)
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: addressFile), !data.isEmpty {
                address = String(decoding: data, as: UTF8.self)
                return
            }
            guard process.isRunning else { throw CommandFailure("proofmintd abci exited during start:\n\(self.log)") }
            usleep(50_000)
        }
        throw CommandFailure("proofmintd abci did not listen within 30s:\n\(self.log)")
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    var isRunning: Bool { process?.isRunning ?? false }

    /// SIGKILL, as a crash or power cut would stop it.
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    deinit { kill() }

    func connect() throws -> ABCITestClient { try ABCITestClient(address: address) }
}

/// Plays CometBFT's side of one ABCI connection: each request framed by its length as an unsigned varint (CometBFT
/// v0.38's `protoio` delimited writer), written here independently of the server's code.
final class ABCITestClient {
    let descriptor: Int32

    init(address: String) throws {
        if address.hasPrefix("unix://") {
            descriptor = try Self.connectUnix(path: String(address.dropFirst("unix://".count)))
        } else {
            guard let port = Int(address.split(separator: ":").last ?? "") else { throw CommandFailure("bad address \(address)") }
            descriptor = try Self.connectTCP(port: port)
        }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends `request` and returns the response, failing on an exception.
    func call(_ value: Tendermint_Abci_Request.OneOf_Value, file: StaticString = #filePath, line: UInt = #line) throws -> Tendermint_Abci_Response {
        var request = Tendermint_Abci_Request()
        request.value = value
        let bytes: [UInt8] = try request.serializedBytes()
        try sendRaw(Self.uvarint(UInt64(bytes.count)) + bytes)
        guard let response = try readResponse() else { throw CommandFailure("the server closed the connection") }
        if case let .exception(exception) = response.value { throw CommandFailure("exception: \(exception.error)") }
        return response
    }

    func sendRaw(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw CommandFailure("send failed: \(String(cString: strerror(errno)))") }
    }

    /// The next response, or nil if the server closed the connection.
    func readResponse() throws -> Tendermint_Abci_Response? {
        var length: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard let byte = try readBytes(1)?.first else { return nil }
            length |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
            guard shift < 64 else { throw CommandFailure("bad length prefix from the server") }
        }
        guard let bytes = try readBytes(Int(length)) else { throw CommandFailure("the server closed mid-frame") }
        return try Tendermint_Abci_Response(serializedBytes: bytes)
    }

    /// True once the server has closed its side (a read returns end of stream).
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    private func readBytes(_ count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count), received = 0
        while received < count {
            let n = bytes[received...].withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n == 0 { return nil }
            guard n > 0 else { throw CommandFailure("recv failed: \(String(cString: strerror(errno)))") }
            received += n
        }
        return bytes
    }

    static func uvarint(_ value: UInt64) -> [UInt8] {
        var value = value, bytes = [UInt8]()
        repeat {
            let low = UInt8(value & 0x7f)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return bytes
    }

    private static func connectTCP(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw CommandFailure("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private static func connectUnix(path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw CommandFailure("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}
