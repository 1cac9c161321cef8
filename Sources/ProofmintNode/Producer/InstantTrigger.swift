/// Instant mode's scheduling: each arrival asks for a block, but arrivals made before the scheduled run starts
/// share that run, so a burst of submissions becomes one block rather than one block each.
/// Owned by the `Node` actor, which serialises every call.
struct InstantTrigger {
    private var scheduled = false
    /// The most recently scheduled run: tests await it to see the block an arrival caused.
    private(set) var lastRun: Task<Void, Never>?

    /// Schedules `run` unless a run is already waiting to start.
    mutating func request(_ run: @escaping @Sendable () async -> Void) {
        guard !scheduled else { return }
        scheduled = true
        lastRun = Task { await run() }
    }

    /// Called by the run as it starts: arrivals from now on need a run of their own.
    mutating func started() { scheduled = false }
}
