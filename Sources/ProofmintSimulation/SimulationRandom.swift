import ProofmintCore

/// The simulation's only source of randomness: SplitMix64 (Steele, Lea & Flood 2014), seeded from `--seed`.
///
/// Every draw is derived from `next()` with our own integer arithmetic rather than the standard library's
/// `random(in:)`, whose algorithm may change between toolchains: a seed must name the same run everywhere.
struct SimulationRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound`, by rejection sampling; 0 when `bound` is 0.
    mutating func below(_ bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }

    /// Uniform index into a collection of `count` elements (`count` > 0).
    mutating func index(_ count: Int) -> Int { Int(below(UInt64(max(count, 1)))) }

    /// Uniform in `lower...upper` (bounds in either order).
    mutating func uint64(_ lower: UInt64, _ upper: UInt64) -> UInt64 {
        let (low, high) = (min(lower, upper), max(lower, upper))
        let span = high - low
        return span == .max ? next() : low + below(span + 1)
    }

    /// An amount in `lower...upper`: `lower + ⌊(upper − lower) × r / 2⁶⁴⌋` for a uniform 64-bit `r`, in exact integers,
    /// so prices never pass through floating point on their way into the chain.
    mutating func amount(_ lower: Amount, _ upper: Amount) -> Amount {
        let (low, high) = (min(lower, upper), max(lower, upper))
        return low + WideArithmetic.multiplyDivide(high - low, Amount(next()), Amount(1) << 64)
    }

    /// True with probability `numerator / denominator`.
    mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool { below(denominator) < numerator }
}
