import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ProofmintBenchSupport
import ProofmintCore
import ProofmintWallet

/// One mode's run: `connections` workers post the transfers in JSON-RPC batches while a watcher follows the chain,
/// marking when each transfer's block appears and sampling the mempool's depth and the node's memory.
struct LoadRun: Sendable {
    let client: NodeClient
    let url: URL
    /// The node's process id, for its memory in /proc.
    let pid: String
    let batchSize: Int
    let connections: Int
    let deadline: ContinuousClock.Instant

    func submit(_ transactions: [SignedTransaction], mode: String) async throws -> LoadResult {
        // Encoded before the clock starts, as the transfers were signed: during the run the generator only sends.
        let batches = stride(from: 0, to: transactions.count, by: batchSize).map {
            LoadBatch(transactions[$0..<min($0 + batchSize, transactions.count)])
        }
        let cpu = LoadCPU(node: pid)
        let clock = LoadClock()
        let ledger = LoadLedger(ids: transactions.map(\.id), clock: clock)
        let watcher = LoadWatcher(client: client, pid: pid, ledger: ledger, deadline: deadline)
        async let watched: Void = watcher.follow()
        let refused = try await post(batches, ledger: ledger)
        try await watched
        return LoadResult(
            mode: mode, submitted: transactions.count, refused: refused, ledger: await ledger.summary(),
            depth: await watcher.depthSeries(), nodePeakMebibytes: PeakMemory.peakMebibytes(process: pid),
            nodeAnonymousMebibytes: await watcher.maxAnonymousMebibytes(), coresBusy: cpu.coresBusy(over: clock))
    }

    /// Posts the batches, `connections` at a time in order; returns the refusals by message.
    private func post(_ batches: [LoadBatch], ledger: LoadLedger) async throws -> [String: Int] {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var refused = [String: Int]()
        try await withThrowingTaskGroup(of: [String].self) { group in
            var next = 0
            func enqueue() {
                guard next < batches.count, ContinuousClock.now < deadline else { return }
                let batch = batches[next]
                next += 1
                group.addTask { try await self.send(batch, session: session, ledger: ledger) }
            }
            for _ in 0..<connections { enqueue() }
            while let errors = try await group.next() {
                for error in errors { refused[error, default: 0] += 1 }
                enqueue()
            }
        }
        return refused
    }

    /// One HTTP request: a JSON-RPC batch of `pm_sendTransaction`; the error messages of refused entries.
    private func send(_ batch: LoadBatch, session: URLSession, ledger: LoadLedger) async throws -> [String] {
        var request = URLRequest(url: url, timeoutInterval: 60)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = batch.body
        await ledger.submitted(batch.ids)
        let (data, _) = try await session.data(for: request)
        let answers = (try? JSONParser.parse(Bytes(data)))?.arrayValue ?? []
        guard answers.count == batch.ids.count else {
            await ledger.refused(batch.ids)
            return Array(repeating: "unreadable batch answer", count: batch.ids.count)
        }
        let refusals = zip(batch.ids, answers).compactMap { id, answer in
            answer["error"]?["message"]?.stringValue.map { (id, $0) }
        }
        // A refused transfer will never be included: the watcher stops waiting for it.
        await ledger.refused(refusals.map(\.0))
        return refusals.map(\.1)
    }
}
