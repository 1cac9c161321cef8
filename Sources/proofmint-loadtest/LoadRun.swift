import Foundation
import ProofmintBenchSupport
import ProofmintCore
import ProofmintWallet

/// One mode's run: `connections` workers post the transfers in JSON-RPC batches while a watcher follows the chain,
/// marking when each transfer's block appears and sampling the mempool's depth and the node's memory.
struct LoadRun: Sendable {
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
        let node = try endpoint()
        async let watched = LoadConnection.withConnections(1, to: node) { [pid, deadline] connection in
            var watcher = LoadWatcher(pid: pid, ledger: ledger, deadline: deadline)
            try await watcher.follow(over: &connection)
            return watcher
        }
        let refused = try await post(batches, to: node, ledger: ledger)
        guard let watcher = try await watched.first else { throw LoadFailure(description: "the watcher did not run") }
        return LoadResult(
            mode: mode, submitted: transactions.count, refused: refused, ledger: await ledger.summary(),
            depth: watcher.depthSeries(), nodePeakMebibytes: PeakMemory.peakMebibytes(process: pid),
            nodeAnonymousMebibytes: watcher.maxAnonymousMebibytes(), coresBusy: cpu.coresBusy(over: clock))
    }

    /// Posts the batches in order over `connections` keep-alive connections, each sending its next batch as soon as the
    /// node has answered its last; returns the refusals by message.
    private func post(_ batches: [LoadBatch], to node: LoadConnection.Endpoint, ledger: LoadLedger) async throws -> [String: Int] {
        let queue = LoadQueue(batches, deadline: deadline)
        let perConnection = try await LoadConnection.withConnections(connections, to: node) { connection in
            var errors = [String]()
            while let batch = await queue.take() { errors += try await Self.send(batch, over: &connection, ledger: ledger) }
            return errors
        }
        var refused = [String: Int]()
        for error in perConnection.joined() { refused[error, default: 0] += 1 }
        return refused
    }

    /// The node's RPC address, split for `LoadConnection`.
    private func endpoint() throws -> LoadConnection.Endpoint {
        guard let host = url.host, let port = url.port else {
            throw LoadFailure(description: "the node's RPC address \(url) names no host and port")
        }
        return LoadConnection.Endpoint(host: host, port: port, path: url.path.isEmpty ? "/" : url.path)
    }

    /// One HTTP request: a JSON-RPC batch of `pm_sendTransaction`; the error messages of refused entries.
    private static func send(_ batch: LoadBatch, over connection: inout LoadConnection, ledger: LoadLedger) async throws -> [String] {
        await ledger.submitted(batch.ids)
        let answer = try await connection.post(batch.body)
        guard answer.status == .ok else {
            await ledger.refused(batch.ids)
            return Array(repeating: "HTTP \(answer.status.code)", count: batch.ids.count)
        }
        let answers = (try? JSONParser.parse(Bytes(answer.body.readableBytesView)))?.arrayValue ?? []
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
