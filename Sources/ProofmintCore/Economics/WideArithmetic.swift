/// Exact `⌊a × b / c⌋` over a 256-bit intermediate: how pro-rata shares and vesting are computed without
/// rounding twice or overflowing.
public enum WideArithmetic {
    /// `⌊a × b / c⌋`; saturates at `UInt128.max` if the quotient does not fit (never for `b ≤ c`), 0 when `c` is 0.
    public static func multiplyDivide(_ a: UInt128, _ b: UInt128, _ c: UInt128) -> UInt128 {
        guard c > 0 else { return 0 }
        let product = a.multipliedFullWidth(by: b)
        guard product.high < c else { return .max }
        return c.dividingFullWidth((high: product.high, low: product.low)).quotient
    }
}
