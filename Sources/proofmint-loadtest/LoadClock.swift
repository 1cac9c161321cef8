/// Milliseconds since the run started: what the ledger and the depth samples are stamped with.
struct LoadClock: Sendable {
    private let start = ContinuousClock.now

    var milliseconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
