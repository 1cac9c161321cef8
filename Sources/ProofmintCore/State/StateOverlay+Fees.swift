/// Every fee, a transaction's or a compute payment's protocol fee, goes through one split (seed 000: 40% burned,
/// 30% provider reward pool, 20% treasury, 10% liquidity), so the audit has one rule to check.
extension StateOverlay {
    mutating func distributeFee(_ fee: Amount, payer: Address, split: FeeSplit) throws(TransactionError) -> Event {
        let shares = split.shares(of: fee)
        // The three module accounts credited and the totals' burned and paid fees raised, kept decoded until the
        // block's end or another write to one of them (`PendingFees`).
        try addFee(shares, fee: fee)
        return .feePaid(
            payer: payer, total: fee, burned: shares.burn, rewardPool: shares.rewardPool,
            treasury: shares.treasury, liquidity: shares.liquidity)
    }
}
