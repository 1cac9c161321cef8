import Foundation
import ProofmintCore
import ProofmintRPC
import ProofmintTestSupport

/// A fake peer for a follower (`--follow`): it claims to be ahead of the honest node it fronts and serves that
/// node's blocks with the first one tampered, as a dishonest or broken peer would. `resign` re-signs the tampered
/// header with the INSECURE dev validator key, so the block passes the signature check and is refused only when its
/// execution gives another state root; without it the signature no longer verifies. `genesisHash` other than the
/// honest node's plays a peer of another chain.
final class TamperingPeer {
    enum Tampering {
        /// One byte of the state root flipped; re-signed with the validator's (INSECURE dev) key when `resign`.
        case stateRoot(resign: Bool)
        /// Honest blocks, but another chain's genesis hash.
        case wrongGenesis
    }

    private let server: CannedRPCServer
    var url: String { "http://127.0.0.1:\(server.port)" }

    init(fronting node: NodeProcess, tampering: Tampering) throws {
        // The node is only read (its URL) from the server's one thread, while the test keeps it running.
        nonisolated(unsafe) let honest = node
        server = try CannedRPCServer { method, params in
            do {
                switch method {
                case RPCMethod.waitForHead.rawValue:
                    usleep(100_000)  // a long poll that returns at once would spin the follower's watcher
                    var head = try WaitForHeadResult(json: try Self.result(of: honest, method, ["after_height": 0, "timeout_ms": 0]))
                    head.height += 5  // claims to be ahead, so the follower asks it first
                    if case .wrongGenesis = tampering { head.genesisHash = Hash32.digest(Array("another chain".utf8)) }
                    return CannedRPCServer.result(head)
                case RPCMethod.getRawBlocks.rawValue:
                    let from = params["from"]?.uint64Value ?? 1
                    var served = try RawBlocksResult(json: try Self.result(of: honest, method, ["from": from, "count": 16]))
                    if case let .stateRoot(resign) = tampering, let first = served.rawBlocks.first {
                        served.rawBlocks[0] = Hex(try Self.tamper(try Block(canonical: first.bytes), resign: resign).canonicalBytes)
                    }
                    return CannedRPCServer.result(served)
                default:
                    return CannedRPCServer.error(.methodNotFound, "the tampering peer serves only sync methods")
                }
            } catch {
                return CannedRPCServer.error(.internalError, "\(error)")
            }
        }
    }

    func stop() { server.stop() }

    /// The honest node's `result`, parsed by the contract's strict JSON model.
    private static func result(of node: NodeProcess, _ method: String, _ params: [String: Any]) throws -> JSONValue {
        let body = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "id": 1, "method": method, "params": params])
        guard let result = try JSONParser.parse(Bytes(try node.post(body).body))["result"] else {
            throw CommandFailure("\(method) on the honest node answered no result")
        }
        return result
    }

    private static func tamper(_ block: Block, resign: Bool) throws -> Block {
        var header = block.header
        var root = header.stateRoot.bytes
        root[0] ^= 0x01
        header.stateRoot = try Hash32(bytes: root)
        guard resign else { return Block(header: header, signature: block.signature, transactions: block.transactions) }
        let key = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/insecure-dev-validator/0".utf8)))
        return Block.sign(header: header, transactions: block.transactions, producer: key)
    }
}
