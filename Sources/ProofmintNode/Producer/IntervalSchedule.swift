/// Interval mode's pacing, at a fixed rate: a block is due every `milliseconds` of the clock, counted from the previous
/// block's due time rather than from the end of its production, so a block that takes part of an interval to build does
/// not stretch the interval (as geth's `--dev.period` ticker and anvil's `--block-time` pace theirs). A production that
/// overruns its interval is followed by the next at once; the ticks it overran are dropped, not made up in a burst.
/// The clock and the sleep are injected (`Node.init(clock:sleep:)`) so a test decides how many intervals pass, and how
/// much time each one advances its clock, without waiting on real time.
struct IntervalSchedule: Sendable {
    let milliseconds: UInt64
    /// The time the schedule is kept in, in milliseconds (the node's clock).
    let now: @Sendable () -> UInt64
    let sleep: @Sendable (_ milliseconds: UInt64) async throws -> Void

    /// Calls `tick` when every interval falls due until the sleep is cancelled or `tick` returns false (production
    /// halted).
    func run(_ tick: @Sendable () async -> Bool) async {
        var due = Self.adding(milliseconds, to: now())
        while !Task.isCancelled {
            do {
                try await sleep(Self.wait(until: due, now: now(), interval: milliseconds))
            } catch {
                return
            }
            if Task.isCancelled { return }
            guard await tick() else { return }
            due = Self.next(after: due, now: now(), interval: milliseconds)
        }
    }

    /// How long to sleep for a block due at `due`: what is left of the interval, never more than one interval (a clock
    /// set back does not stall production) and nothing when it is already due.
    static func wait(until due: UInt64, now: UInt64, interval: UInt64) -> UInt64 {
        due > now ? Swift.min(due - now, interval) : 0
    }

    /// The due time after a block due at `due`: one interval later, or now if production overran that, and never more
    /// than one interval from now (a clock set back resumes the rate at once).
    static func next(after due: UInt64, now: UInt64, interval: UInt64) -> UInt64 {
        Swift.min(Swift.max(adding(interval, to: due), now), adding(interval, to: now))
    }

    /// `a + b`, saturating: an interval as long as `UInt64.max` means never, not a wrapped time in the past.
    static func adding(_ a: UInt64, to b: UInt64) -> UInt64 {
        let (sum, overflow) = b.addingReportingOverflow(a)
        return overflow ? .max : sum
    }
}
