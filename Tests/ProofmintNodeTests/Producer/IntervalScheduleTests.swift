import Foundation
import XCTest

@testable import ProofmintNode

/// Interval mode keeps a fixed rate: the time a block takes to produce comes out of its interval, an overrun is
/// followed by the next block at once with the overrun ticks dropped, and a clock set back never stalls it.
final class IntervalScheduleTests: XCTestCase {
    func testProductionTimeComesOutOfTheInterval() async {
        let sleeps = await run(interval: 250, productionTimes: [100, 100, 40, 0])
        XCTAssertEqual(sleeps, [250, 150, 150, 210, 250], "each sleep is what the previous production left of its interval")
    }

    func testAnOverrunIsFollowedAtOnceWithoutABurst() async {
        // 700 ms of production overruns the 250 ms interval by almost two more: the next block follows at once, then
        // the rate resumes from there; the two ticks overrun are not made up.
        let sleeps = await run(interval: 250, productionTimes: [700, 50, 0])
        XCTAssertEqual(sleeps, [250, 0, 200, 250])
    }

    func testWaitAndNextAtTheEdges() {
        XCTAssertEqual(IntervalSchedule.wait(until: 1_000, now: 900, interval: 250), 100)
        XCTAssertEqual(IntervalSchedule.wait(until: 1_000, now: 1_000, interval: 250), 0)
        XCTAssertEqual(IntervalSchedule.wait(until: 1_000, now: 5_000, interval: 250), 0)
        XCTAssertEqual(IntervalSchedule.wait(until: 10_000, now: 0, interval: 250), 250, "a clock set back waits one interval, not ten seconds")
        XCTAssertEqual(IntervalSchedule.next(after: 1_000, now: 1_100, interval: 250), 1_250)
        XCTAssertEqual(IntervalSchedule.next(after: 1_000, now: 2_000, interval: 250), 2_000)
        XCTAssertEqual(IntervalSchedule.next(after: 10_000, now: 1_000, interval: 250), 1_250, "a clock set back resumes the rate at once")
        XCTAssertEqual(IntervalSchedule.next(after: .max - 10, now: 5, interval: 250), 255, "no overflow trap, and not due at once")
        XCTAssertEqual(IntervalSchedule.next(after: 1_000, now: 1_000, interval: .max), .max, "an endless interval never falls due")
        XCTAssertEqual(IntervalSchedule.wait(until: .max, now: 1_000, interval: .max), .max - 1_000)
    }

    func testAnEndlessIntervalSleepsInsteadOfProducing() async {
        // `UInt64.max` means never: the first block is due at the end of time, not at a wrapped time already past.
        let sleeps = await run(interval: .max, productionTimes: [])
        XCTAssertEqual(sleeps, [.max - 1_000_000], "one long sleep, no block")
    }

    func testAClockSetBackDuringARunWaitsOneIntervalThenKeepsTheRate() async {
        // The second production sets the clock back 10 s: the next sleep is one interval, not 10.25 s, and the rate
        // holds from there.
        let sleeps = await run(interval: 250, productionTimes: [50, -10_000, 50, 0])
        XCTAssertEqual(sleeps, [250, 200, 250, 200, 250])
    }

    /// Runs a schedule whose clock moves only by its sleeps and by each production's time; returns the sleeps asked for
    /// (the last one is refused, which ends the run).
    /// A negative production time sets the clock back by that much.
    private func run(interval: UInt64, productionTimes: [Int64]) async -> [UInt64] {
        let clock = TestClock(1_000_000)
        let ticker = TestTicker()
        ticker.allow(productionTimes.count)
        let remaining = ProductionTimes(productionTimes)
        let schedule = IntervalSchedule(
            milliseconds: interval, now: { clock.now }, sleep: { milliseconds in try ticker.sleep(milliseconds, advancing: clock) })
        await schedule.run {
            let time = remaining.next()
            if time >= 0 { clock.advance(UInt64(time)) } else { clock.set(clock.now - UInt64(-time)) }
            return true
        }
        return ticker.sleeps
    }
}

/// The production times of a test run, handed out in order.
private final class ProductionTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Int64]

    init(_ times: [Int64]) { self.times = times }

    func next() -> Int64 { lock.withLock { times.isEmpty ? 0 : times.removeFirst() } }
}
