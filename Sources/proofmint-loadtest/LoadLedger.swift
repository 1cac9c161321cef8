import ProofmintCore

/// When each transfer was sent and when its block was first seen.
actor LoadLedger {
    struct Summary {
        let included: Int
        /// From the first submission to the last inclusion seen, milliseconds.
        let spanMilliseconds: Double
        /// Submission to inclusion, milliseconds, sorted.
        let latencies: [Double]
        /// When each transfer's block was seen, milliseconds, sorted.
        let inclusions: [Double]

        /// Inclusions per second from the first tenth of them to the last tenth: the rate while the node is loaded,
        /// without the first blocks' ramp and the last ones' drain. Nil from fewer than ten blocks, whose tenths would
        /// fall on the first and the last block and measure one block interval.
        var steadyPerSecond: Double? {
            let low = inclusions.count / 10, high = inclusions.count - 1 - inclusions.count / 10
            let blocks = zip(inclusions, inclusions.dropFirst()).filter { $0 != $1 }.count + 1
            guard blocks >= 10, high > low, inclusions[high] > inclusions[low] else { return nil }
            return Double(high - low) * 1000 / (inclusions[high] - inclusions[low])
        }
    }

    private let clock: LoadClock
    private var sentAt: [Hash32: Double] = [:]
    private var includedAt: [Hash32: Double] = [:]
    private var expected: Set<Hash32>
    private var firstSent: Double?

    init(ids: [Hash32], clock: LoadClock) {
        self.clock = clock
        self.expected = Set(ids)
        // Sized up front: growing them while the run is timed took a sixth of the generator's CPU, which the node shares.
        sentAt.reserveCapacity(ids.count)
        includedAt.reserveCapacity(ids.count)
    }

    var clockNow: Double { clock.milliseconds }

    func submitted(_ ids: [Hash32]) {
        let now = clock.milliseconds
        firstSent = firstSent ?? now
        for id in ids { sentAt[id] = now }
    }

    /// Marks the ids of a block just seen; ids that are not the run's (the faucet, another client) are ignored.
    func included(_ ids: [Hash32]) {
        let now = clock.milliseconds
        for id in ids where expected.contains(id) && includedAt[id] == nil { includedAt[id] = now }
    }

    /// Transfers the node refused: no longer waited for.
    func refused(_ ids: [Hash32]) {
        for id in ids { expected.remove(id) }
    }

    var allIncluded: Bool { includedAt.count >= expected.count }
    var pendingSent: Bool { sentAt.count > includedAt.count }

    func summary() -> Summary {
        let latencies = includedAt.compactMap { id, at in sentAt[id].map { at - $0 } }.sorted()
        let span = (includedAt.values.max() ?? 0) - (firstSent ?? 0)
        return Summary(
            included: includedAt.count, spanMilliseconds: max(span, 0), latencies: latencies, inclusions: includedAt.values.sorted())
    }
}
