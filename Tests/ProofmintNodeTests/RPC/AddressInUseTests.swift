import Foundation
import Logging
import ProofmintCore
import ProofmintStorage
import ProofmintTestSupport
import XCTest

@testable import ProofmintNode

/// A busy RPC port is recognised by its errno, so `proofmintd start` can say which flag to change.
final class AddressInUseTests: XCTestCase {
    func testStartingTheRPCServerOnATakenPortIsRecognised() async throws {
        let directory = NSTemporaryDirectory() + "proofmint-port-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let chain = try TestChain(users: [("user0", Tokens.one)])
        let store = try ChainStore.create(at: directory, genesis: chain.genesis, genesisFile: [])
        let (descriptor, port) = try Self.listenOnLoopback()
        defer { close(descriptor) }

        let node = Node(store: store, validator: nil, mode: .manual, emptyBlocks: false, logger: Logger(label: "test"))
        let server = RPCServer(node: node, host: "127.0.0.1", port: port, maxBodyBytes: 1 << 20, logger: Logger(label: "test"))
        let failure: (any Error)? = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                do {
                    try await server.run { _ in }
                    return nil
                } catch {
                    return error
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        let error = try XCTUnwrap(failure, "the server started on a port another socket listens on")
        XCTAssertTrue(NodeError.isAddressInUse(error), "\(error)")
        XCTAssertFalse(NodeError.isAddressInUse(StorageError.notInitialized(path: "Address already in use")))
    }

    /// A listening TCP socket on 127.0.0.1 at a port the kernel picks.
    private static func listenOnLoopback() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.EBADF) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0
                && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
