/// Interval mode's pacing: sleep, produce, repeat. The sleep is injected (`ProducerClock.sleep`) so a test decides
/// how many intervals pass, and how much time each one advances its clock, without waiting on real time.
struct IntervalSchedule: Sendable {
    let milliseconds: UInt64
    let sleep: @Sendable (_ milliseconds: UInt64) async throws -> Void

    /// Calls `tick` after every interval until the sleep is cancelled or `tick` returns false (production halted).
    func run(_ tick: @Sendable () async -> Bool) async {
        while !Task.isCancelled {
            do {
                try await sleep(milliseconds)
            } catch {
                return
            }
            if Task.isCancelled { return }
            guard await tick() else { return }
        }
    }
}
