import ProofmintCore

/// A seeded, reproducible pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014) for property tests.
///
/// Tests never use `SystemRandomNumberGenerator`: a failing case must be reproducible from its seed. The helpers
/// below derive every value from `next()` with their own arithmetic (not the standard library's `random(in:)`,
/// whose algorithm may change between toolchains), so a seed names the same case everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The seed of case `index` of a property test with base seed `base`: print it on failure to replay one case.
    public static func caseSeed(_ base: UInt64, _ index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: base ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
        return mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (`bound` > 0), by rejection sampling.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "below(0)")
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }

    /// Uniform in `range` (non-empty).
    public mutating func int(_ range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "empty range")
        return range.lowerBound + Int(below(UInt64(range.count)))
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { int(range.lowerBound..<(range.upperBound + 1)) }

    public mutating func bool() -> Bool { next() & 1 == 1 }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: UInt64, in denominator: UInt64) -> Bool { below(denominator) < numerator }

    public mutating func bytes(_ count: Int) -> Bytes {
        var out = Bytes()
        out.reserveCapacity(count)
        while out.count < count {
            let word = next()
            for shift in stride(from: 0, to: 64, by: 8) where out.count < count {
                out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return out
    }

    public mutating func uint128() -> UInt128 { UInt128(next()) << 64 | UInt128(next()) }

    /// Amounts with a spread of magnitudes: small values, values near powers of two and ten, and the extremes
    /// are where fixed-point arithmetic breaks, so they come up far more often than uniform sampling would give.
    public mutating func interestingUInt128() -> UInt128 {
        switch below(8) {
        case 0: return UInt128(below(20_001))
        case 1: return UInt128.max - UInt128(below(20_001))
        case 2:
            let power = UInt128(1) << UInt128(below(128))
            return power &+ UInt128(below(3)) &- 1
        case 3:
            var power: UInt128 = 1
            for _ in 0..<below(39) { power *= 10 }
            return power &+ UInt128(below(3)) &- 1
        case 4: return UInt128(next())
        default: return uint128() >> UInt128(below(128))
        }
    }

    public mutating func hash32() -> Hash32 { try! Hash32(bytes: bytes(32)) }

    public mutating func element<T>(_ array: [T]) -> T { array[int(0..<array.count)] }

    /// Fisher–Yates with this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, int(0...i))
        }
    }

    public mutating func shuffled<T>(_ array: [T]) -> [T] {
        var copy = array
        shuffle(&copy)
        return copy
    }
}
