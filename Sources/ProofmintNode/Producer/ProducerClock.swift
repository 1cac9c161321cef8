import Foundation

/// The producer's real time sources, the defaults of `Node.init(clock:sleep:)`. A node stamps blocks with `wallClock`
/// and paces interval mode with `taskSleep`; tests inject their own pair to drive production deterministically.
public enum ProducerClock {
    /// The wall clock, in milliseconds since 1970.
    @Sendable public static func wallClock() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1000) }

    /// A real sleep that throws only on cancellation; an interval too long for `Duration` is clamped, not trapped on.
    @Sendable public static func taskSleep(milliseconds: UInt64) async throws {
        try await Task.sleep(for: .milliseconds(Int64(clamping: milliseconds)))
    }
}
