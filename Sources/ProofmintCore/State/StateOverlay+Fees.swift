/// Every fee, a transaction's or a compute payment's protocol fee, goes through one split (seed 000: 40% burned,
/// 30% provider reward pool, 20% treasury, 10% liquidity), so the audit has one rule to check.
extension StateOverlay {
    mutating func distributeFee(_ fee: Amount, payer: Address, split: FeeSplit) throws(TransactionError) -> Event {
        let shares = split.shares(of: fee)
        try credit(ModuleAccount.rewardPool.address, shares.rewardPool)
        try credit(ModuleAccount.treasury.address, shares.treasury)
        try credit(ModuleAccount.liquidity.address, shares.liquidity)
        try updateTotals { totals in
            guard let burned = checkedAdd(totals.burned, shares.burn), let feesPaid = checkedAdd(totals.feesPaid, fee) else {
                return false
            }
            totals.burned = burned
            totals.feesPaid = feesPaid
            return true
        }
        return .feePaid(
            payer: payer, total: fee, burned: shares.burn, rewardPool: shares.rewardPool,
            treasury: shares.treasury, liquidity: shares.liquidity)
    }
}
