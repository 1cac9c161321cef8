import ProofmintCore

/// Polls `pm_getTransaction` until a transaction is included in a block, or a timeout passes.
public struct InclusionWatcher: Sendable {
    public let client: NodeClient
    public let timeout: Duration
    public let pollInterval: Duration

    public init(client: NodeClient, timeout: Duration = .seconds(30), pollInterval: Duration = .milliseconds(250)) {
        self.client = client
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// The transaction's status once included. "Not found" is tolerated while waiting (a node may index it late);
    /// any other node error ends the wait.
    public func wait(for id: Hash32) async throws(WaitError) -> TransactionStatus {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var lastStatus: String?
        while true {
            do {
                let status = try await client.transaction(id)
                if status.isIncluded { return status }
                lastStatus = status.status
            } catch {
                if !error.isNotFound { throw .rpc(error) }
            }
            if clock.now >= deadline {
                let components = timeout.components
                let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
                throw .timedOut(id: id, seconds: seconds, lastStatus: lastStatus)
            }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
