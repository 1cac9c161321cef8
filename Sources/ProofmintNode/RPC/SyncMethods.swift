import ProofmintCore
import ProofmintRPC
import ProofmintStorage

/// The methods a follower calls on its peers (`--follow`): raw blocks and a long poll on the head.
extension RPCMethods {
    /// How often `pm_waitForHead` looks at the head while it waits (a cached value behind a lock: cheap).
    static let headPollMilliseconds: UInt64 = 10

    func rawBlocks(_ params: RawBlocksParams) throws(RPCErrorObject) -> RawBlocksResult {
        let count = params.count ?? RawBlocksParams.maxCount
        guard (1...RawBlocksParams.maxCount).contains(count) else {
            throw .invalidParams("'count' must be between 1 and \(RawBlocksParams.maxCount)")
        }
        let head = store.head.height
        guard params.from <= head else { return RawBlocksResult(rawBlocks: [], headHeight: head) }
        let last = min(head, params.from &+ count - 1)
        var blocks = [Hex]()
        for height in params.from...last {
            guard let block = try storeCall({ try store.block(at: height) }) else { break }
            blocks.append(Hex(block.encoded))
        }
        return RawBlocksResult(rawBlocks: blocks, headHeight: head)
    }

    func waitForHead(_ params: WaitForHeadParams) async throws(RPCErrorObject) -> WaitForHeadResult {
        let timeout = params.timeoutMs ?? WaitForHeadParams.defaultTimeoutMs
        guard timeout <= WaitForHeadParams.maxTimeoutMs else {
            throw .invalidParams("'timeout_ms' must be at most \(WaitForHeadParams.maxTimeoutMs)")
        }
        let deadline = ContinuousClock.now + .milliseconds(timeout)
        while store.head.height <= params.afterHeight, ContinuousClock.now < deadline {
            do { try await Task.sleep(for: .milliseconds(Self.headPollMilliseconds)) } catch { break }
        }
        let head = store.head
        return WaitForHeadResult(height: head.height, headHash: head.hash, timestamp: head.timestamp, genesisHash: try genesisHash())
    }

    func genesisHash() throws(RPCErrorObject) -> Hash32 {
        guard let genesis = try storeCall({ try store.block(at: 0) }) else { throw .internalError("the store has no genesis block") }
        return genesis.hash
    }
}
