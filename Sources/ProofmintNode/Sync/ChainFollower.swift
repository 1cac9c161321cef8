import Foundation
import Logging
import ProofmintAudit
import ProofmintCore
import ProofmintRPC

/// The sync task of `proofmintd start --follow URL…`: one watcher per peer long-polls its head (`pm_waitForHead`);
/// whenever a peer is ahead, the sync loop fetches the missing blocks in batches (`pm_getRawBlocks`) and hands them to
/// `Node.accept`, which verifies each with `StateTransition.apply` and commits it. A refused block is logged with the
/// reason `apply` gives (for a root, the header's and the computed one), nothing of it is kept, and the peer that
/// served it is backed off while the others are tried. Transactions the node admits are forwarded to every peer.
public actor ChainFollower {
    private let node: Node
    private let options: FollowOptions
    private let logger: Logger
    private let genesisHash: Hash32
    private var peers: [PeerRecord]
    private var tasks: [Task<Void, Never>] = []
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    /// Set once every peer has answered or failed at least once: before that a validator does not produce.
    private var settled: Set<Int> = []
    /// While catching up from far behind: where the run started and when, for the progress line.
    private var catchUp: (from: UInt64, started: ContinuousClock.Instant, lastLine: ContinuousClock.Instant)?

    public init(node: Node, genesisHash: Hash32, options: FollowOptions, logger: Logger) {
        self.node = node
        self.options = options
        self.logger = logger
        self.genesisHash = genesisHash
        let timeout = Double(options.longPollMs) / 1_000 + 10
        peers = options.peers.map { PeerRecord(client: PeerClient(url: $0, timeoutSeconds: timeout)) }
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Starts the watchers and the sync loop; the node holds off producing until it knows whether a peer is ahead.
    public func start() async {
        await node.attach(self)
        for index in peers.indices {
            tasks.append(Task { await self.watch(index) })
        }
        let wakes = self.wakes
        tasks.append(Task {
            for await _ in wakes { await self.synchronise() }
        })
    }

    public func stop() {
        for task in tasks { task.cancel() }
        wake.finish()
        tasks = []
    }

    /// `syncing` while a usable peer is ahead, else `caught_up`, and every peer as last seen.
    public func status() async -> (state: String, peers: [PeerView]) {
        let height = node.store.head.height
        return (bestPeer(above: height) == nil ? "caught_up" : "syncing", peers.map(\.view))
    }

    /// Sends transactions this node admitted to every peer of the same chain, without waiting, in their order. A peer
    /// that already has one refuses it as a duplicate and does not forward it again, so forwarding ends after one round.
    func forward(_ transactions: [Bytes]) {
        for peer in peers where peer.state != .wrongGenesis {
            let client = peer.client, logger = self.logger
            Task {
                do {
                    for refusal in try await client.send(transactions) {
                        logger.debug("peer did not take a forwarded transaction", metadata: ["peer": "\(client.url)", "reason": "\(refusal)"])
                    }
                } catch {
                    logger.debug("peer did not take forwarded transactions", metadata: ["peer": "\(client.url)", "reason": "\(error)"])
                }
            }
        }
    }

    // MARK: - Watching heads

    /// Long-polls one peer's head for as long as the follower runs, resting while the peer is backed off.
    private func watch(_ index: Int) async {
        while !Task.isCancelled {
            let peer = peers[index]
            if peer.state == .wrongGenesis { return }
            if peer.retryAt > ContinuousClock.now {
                try? await Task.sleep(until: peer.retryAt, clock: .continuous)
                continue
            }
            // The first question is answered at once, so the node learns quickly whether it is behind.
            let timeout = peer.height == nil ? 0 : options.longPollMs
            do {
                let head = try await peer.client.waitForHead(after: peer.height ?? 0, timeoutMs: timeout)
                observed(index, head)
            } catch {
                unreachable(index, error.description)
            }
        }
    }

    private func observed(_ index: Int, _ head: WaitForHeadResult) {
        guard head.genesisHash == genesisHash else {
            peers[index].failed(.wrongGenesis, "its genesis is \(head.genesisHash), this node's is \(genesisHash)", options: options)
            logger.error(
                "refusing peer: it follows another chain (a different genesis file); give every node the same genesis",
                metadata: ["peer": "\(peers[index].client.url)", "peer_genesis": "\(head.genesisHash)", "genesis": "\(genesisHash)"])
            settle(index)
            return
        }
        peers[index].answered(height: head.height)
        settle(index)
        wake.yield()
    }

    private func unreachable(_ index: Int, _ reason: String) {
        if peers[index].state != .unreachable {
            logger.warning("peer unreachable; retrying with back-off", metadata: ["peer": "\(peers[index].client.url)", "reason": "\(reason)"])
        }
        peers[index].failed(.unreachable, reason, options: options)
        settle(index)
        wake.yield()
    }

    /// Notes that a peer has answered or failed once; when all have, the node may produce unless one is ahead.
    private func settle(_ index: Int) {
        settled.insert(index)
    }

    // MARK: - Syncing

    /// The usable peer with the highest head above `height`, if any.
    private func bestPeer(above height: UInt64) -> Int? {
        peers.indices.filter { peers[$0].usable && (peers[$0].height ?? 0) > height }.max { (peers[$0].height ?? 0) < (peers[$1].height ?? 0) }
    }

    /// Fetches and commits blocks while a usable peer is ahead, then tells the node whether it may produce.
    private func synchronise() async {
        while !Task.isCancelled, let index = bestPeer(above: node.store.head.height) {
            await node.setBehindPeers(true, graceMs: options.productionGraceMs)
            guard await fetchBatch(from: index) else { break }
        }
        let behind = settled.count < peers.count || bestPeer(above: node.store.head.height) != nil
        await node.setBehindPeers(behind, graceMs: options.productionGraceMs)
        if !behind, let run = catchUp {
            logger.info("caught up with peers", metadata: ["height": "\(node.store.head.height)", "blocks": "\((node.store.head.height > run.from ? node.store.head.height - run.from : 0))"])
            catchUp = nil
        }
    }

    /// One batch from peer `index`; false when syncing must pause (a deferred block: the loop is woken again later).
    private func fetchBatch(from index: Int) async -> Bool {
        let head = node.store.head.height
        let target = peers[index].height ?? head
        let client = peers[index].client
        // The peer's head may have dropped (a revert, a lie) while the node actor ran other work: nothing to fetch.
        guard target > head else { return true }
        var blocks = [Block]()
        do {
            blocks = try await client.blocks(from: head + 1, count: min(options.batch, target - head))
            guard !blocks.isEmpty else {
                peers[index].height = head  // it has less than it said (a revert): wait for its next head
                return true
            }
            let acceptance = try await node.accept(blocks, maxDriftMs: options.maxDriftMs)
            guard acceptance.committed > 0 || acceptance.deferredTimestamp != nil else {
                // Blocks this node already has, from a peer that claims more: no progress, so it is not served again
                // at once (the loop would pick it for ever and the node would never count itself caught up).
                peers[index].failed(.backingOff, "served no block after height \(head)", options: options)
                return true
            }
            peers[index].served()
            progress(from: head, target: target)
            if let timestamp = acceptance.deferredTimestamp {
                deferUntilClockReaches(timestamp, peer: client.url)
                return false
            }
        } catch let failure as PeerClient.Failure {
            peers[index].failed(.unreachable, failure.description, options: options)
        } catch let error as NodeError {
            refused(error, peer: index, blocks: blocks)
        } catch {
            peers[index].failed(.backingOff, "\(error)", options: options)
        }
        return true
    }

    /// A block from peer `index` was refused: logged with the reason and, for a block that does not re-execute to its
    /// header, the replay tool's mismatch report (both roots, the writes this node computes); the peer is backed off and
    /// the loop goes on with any other peer.
    private func refused(_ error: NodeError, peer index: Int, blocks: [Block]) {
        peers[index].failed(.backingOff, error.description, options: options)
        var metadata: Logger.Metadata = [
            "peer": "\(peers[index].client.url)", "error": "\(error)", "head": "\(node.store.head.height)",
            "retry_in_ms": "\(RPCMethods.milliseconds(max(.zero, peers[index].retryAt - .now)))",
        ]
        if case let .peerBlockRefused(height, blockError) = error, let block = blocks.first(where: { $0.height == height }) {
            metadata.merge(mismatchReport(blockError, block: block)) { current, _ in current }
        }
        logger.error("refused a block from a peer; keeping this node's state and trying other peers", metadata: metadata)
    }

    /// `replay`'s report of the refused block, re-executed on this node's head (the blocks before it were committed).
    private func mismatchReport(_ error: BlockError, block: Block) -> Logger.Metadata {
        let store = node.store
        guard store.head.height + 1 == block.height,
              let mismatch = try? store.withSnapshot({ ReplayReport.Mismatch(explaining: error, block: block, parent: store.head, state: $0) })
        else { return [:] }
        var report: Logger.Metadata = ["mismatch_height": "\(mismatch.height)"]
        if let index = mismatch.transactionIndex { report["mismatch_transaction"] = "\(index)" }
        if let expected = mismatch.expectedRoot, let computed = mismatch.computedRoot {
            report["header_root"] = "\(expected)"
            report["computed_root"] = "\(computed)"
        }
        if !mismatch.computedWrites.isEmpty {
            report["computed_writes"] = .array(mismatch.computedWrites.prefix(50).map { "\($0.key) = \($0.value)" })
        }
        return report
    }

    /// A block stamped too far ahead of this node's clock waits until the clock is within the drift; not the peer's fault.
    private func deferUntilClockReaches(_ timestamp: UInt64, peer: URL) {
        let now = ProducerClock.wallClock()
        let (allowed, overflow) = now.addingReportingOverflow(options.maxDriftMs)
        let wait = !overflow && timestamp > allowed ? timestamp - allowed : 0
        logger.warning(
            "deferring a peer block stamped ahead of this node's clock by more than the allowed drift",
            metadata: ["peer": "\(peer)", "timestamp": "\(timestamp)", "now": "\(now)", "max_drift_ms": "\(options.maxDriftMs)"])
        let wake = self.wake
        Task {
            try? await Task.sleep(for: .milliseconds(min(wait, 60_000) + 1))
            wake.yield()
        }
    }

    /// A progress line on stderr (through the log) every two seconds while more than one batch behind; `from` is the
    /// height before the batch just committed.
    private func progress(from: UInt64, target: UInt64) {
        let height = node.store.head.height
        let now = ContinuousClock.now
        guard target > height + options.batch || catchUp != nil else { return }
        if catchUp == nil {
            catchUp = (from, now, now)
            logger.info("catching up with peers", metadata: ["height": "\(from)", "target": "\(target)"])
        }
        guard let run = catchUp, now - run.lastLine >= .seconds(2) || height >= target else { return }
        catchUp?.lastLine = now
        let seconds = max(Double((now - run.started).components.seconds), 1)
        logger.info(
            "syncing from peers",
            metadata: ["height": "\(height)", "target": "\(target)", "blocks_per_s": "\(Int(Double(height > run.from ? height - run.from : 0) / seconds))"])
    }
}
