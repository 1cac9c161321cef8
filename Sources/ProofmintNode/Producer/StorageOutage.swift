/// Why the node cannot commit blocks and how long it waits before trying again (issue 13, D6). While there is one the
/// node refuses transactions, keeps its mempool, and retries with a growing delay instead of failing every interval.
struct StorageOutage: Sendable, Equatable {
    /// The last failure, as the operator should read it (the storage error names the data directory).
    private(set) var reason: String
    private(set) var failures = 1
    /// Whether the last failure was a write that free space can let through (so a manual node, which makes no block
    /// unasked, may end the outage on seeing space); a damaged record or a panicked environment waits for a commit.
    private(set) var spaceMayFixIt: Bool

    /// The first retry comes after this many milliseconds; each failure doubles it up to `maxDelay`.
    static let firstDelay: UInt64 = 250
    static let maxDelay: UInt64 = 10_000

    init(reason: String, spaceMayFixIt: Bool = true) {
        self.reason = reason
        self.spaceMayFixIt = spaceMayFixIt
    }

    /// Milliseconds to wait before the next retry: 250, 500, 1,000, … then 10 s.
    var retryDelay: UInt64 {
        let doublings = UInt64(min(failures - 1, 6))
        return min(Self.firstDelay << doublings, Self.maxDelay)
    }

    /// Another retry failed, possibly for a new reason.
    mutating func failedAgain(reason: String? = nil, spaceMayFixIt: Bool? = nil) {
        failures += 1
        if let reason { self.reason = reason }
        if let spaceMayFixIt { self.spaceMayFixIt = spaceMayFixIt }
    }
}
