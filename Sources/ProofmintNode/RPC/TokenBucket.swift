/// A token bucket over an injected clock (milliseconds): `burst` calls at once, then `perSecond` a second. The
/// per-client limits of the RPC edge keep one per client and kind, so a flood from one address waits while every
/// other client is served.
public struct TokenBucket: Sendable, Equatable {
    /// How fast the bucket refills and how much it holds.
    public struct Rate: Sendable, Equatable, CustomStringConvertible {
        public let perSecond: UInt64
        public let burst: UInt64

        public init(perSecond: UInt64, burst: UInt64) {
            self.perSecond = max(perSecond, 1)
            self.burst = max(burst, 1)
        }

        /// The rate `factor` times as generous (loopback clients).
        public func scaled(by factor: UInt64) -> Rate {
            Rate(perSecond: perSecond.saturatingTimes(factor), burst: burst.saturatingTimes(factor))
        }

        public var description: String { "\(perSecond)/s, burst \(burst)" }
    }

    /// Thousandths of a token, so a refill of a few milliseconds at a low rate is not rounded away.
    private var milliTokens: UInt64
    private var updatedAt: UInt64

    /// A full bucket at `now`.
    public init(rate: Rate, now: UInt64) {
        milliTokens = rate.burst.saturatingTimes(1_000)
        updatedAt = now
    }

    /// Takes one token: nil when granted, otherwise the milliseconds until one will be there (at least 1).
    public mutating func take(rate: Rate, now: UInt64) -> UInt64? {
        refill(rate: rate, now: now)
        if milliTokens >= 1_000 {
            milliTokens -= 1_000
            return nil
        }
        // perSecond tokens a second is perSecond milli-tokens a millisecond.
        let missing = 1_000 - milliTokens
        return (missing + rate.perSecond - 1) / rate.perSecond
    }

    /// Whether the bucket is full at `now`: a client in that state carries no information and may be forgotten.
    public func isFull(rate: Rate, now: UInt64) -> Bool {
        var copy = self
        copy.refill(rate: rate, now: now)
        return copy.milliTokens >= rate.burst.saturatingTimes(1_000)
    }

    private mutating func refill(rate: Rate, now: UInt64) {
        // A clock that goes back (it should not: the edge uses a monotonic one) refills nothing.
        guard now > updatedAt else { return }
        let capacity = rate.burst.saturatingTimes(1_000)
        let added = (now - updatedAt).saturatingTimes(rate.perSecond)
        milliTokens = added >= capacity - min(milliTokens, capacity) ? capacity : milliTokens + added
        updatedAt = now
    }
}

extension UInt64 {
    /// The product, or `UInt64.max` where it would overflow: limits saturate instead of wrapping.
    fileprivate func saturatingTimes(_ other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
