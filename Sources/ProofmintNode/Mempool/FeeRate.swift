import ProofmintCore

/// A transaction's fee per encoded byte, compared exactly: the pool is bounded in bytes, so when it is full the
/// fair price of a slot is what a transaction pays per byte of it, not its total fee (geth's txpool does the same
/// with gas price). Compared by cross-multiplying in 256 bits, never by dividing, so no rounding decides an eviction.
struct FeeRate: Comparable, Sendable {
    let fee: Amount
    let size: Int

    init(fee: Amount, size: Int) {
        self.fee = fee
        self.size = min(max(size, 1), Int(UInt32.max))
    }

    static func < (a: FeeRate, b: FeeRate) -> Bool {
        // Sizes fit in 32 bits, so fees below 2^96 multiply without overflow: the common case, and much cheaper
        // than the generic full-width product (this comparison is the inner loop of eviction).
        if a.fee >> 96 == 0 && b.fee >> 96 == 0 {
            return a.fee * Amount(b.size) < b.fee * Amount(a.size)
        }
        let left = a.fee.multipliedFullWidth(by: Amount(b.size))
        let right = b.fee.multipliedFullWidth(by: Amount(a.size))
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    static func == (a: FeeRate, b: FeeRate) -> Bool { !(a < b) && !(b < a) }
}
