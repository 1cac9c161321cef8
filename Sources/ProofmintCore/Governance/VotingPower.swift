/// Seed 000's quadratic voting power, `isqrt(balance) + 2·isqrt(staked)`, in units of √(base unit).
public enum VotingPower {
    /// ⌊√value⌋, exactly (Newton's method on integers; no floating point).
    public static func isqrt(_ value: UInt128) -> UInt128 {
        guard value > 1 else { return value }
        // Start above the root: 2^⌈bits/2⌉.
        let bits = UInt128(128 - value.leadingZeroBitCount)
        var x: UInt128 = 1 << ((bits + 1) / 2)
        while true {
            let y = (x + value / x) / 2
            if y >= x { return x }
            x = y
        }
    }

    /// The power of an account with `balance` and an active, unjailed `staked` amount. At most 3·2⁶⁴: never overflows.
    public static func of(balance: Amount, staked: Amount) -> UInt128 {
        isqrt(balance) + 2 * isqrt(staked)
    }

    /// The part of a stake record that counts for power: all of it, unless jailed. The one rule the chain applies to
    /// proposers and voters, and the wallet to check a proposer before it sends anything.
    public static func countedStake(amount: Amount, jailed: Bool) -> Amount { jailed ? 0 : amount }
}
