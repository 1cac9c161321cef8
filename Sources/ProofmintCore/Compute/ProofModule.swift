/// The `submit-proof` rules: a provider presents a consumer-signed compute receipt; the consumer pays the price
/// less the protocol fee, and the work is weighed into the current epoch's rewards.
/// Every check runs before the first write, so a refused receipt changes nothing but the fee and nonce.
public enum ProofModule {
    /// Checks that need only the receipt and the chain's parameters; failing any keeps the transaction out of blocks.
    static func validateBasic(_ signed: SignedComputeReceipt, sender: Address, context: BlockContext) throws(TransactionError) {
        let receipt = signed.receipt
        let parameters = context.parameters.compute
        guard receipt.chainId.utf8.elementsEqual(context.chainId.utf8) else {
            throw .receiptWrongChain(expected: context.chainId, actual: receipt.chainId)
        }
        guard receipt.provider == sender else { throw .receiptWrongProvider }
        guard receipt.consumerAddress != sender else { throw .selfDealing }
        guard receipt.quality <= ComputeReceipt.maxQualityScore else { throw .qualityOutOfRange(score: receipt.quality) }
        guard receipt.units > 0 else { throw .zeroUnits }
        guard !receipt.workload.isEmpty else { throw .emptyWorkload }
        let (minimum, overflow) = parameters.minUnitPrice.multipliedReportingOverflow(by: Amount(receipt.units))
        guard !overflow, receipt.price >= minimum else {
            throw .priceBelowMinimum(minimum: overflow ? .max : minimum, actual: receipt.price)
        }
        guard signed.hasValidSignature else { throw .receiptBadSignature }
    }

    /// The receipt's weight in fixed point: `units × quality bps × tier bps` (10⁸ = one unit at 1.0x and 1.0x).
    /// At most 2⁶⁴ × 2¹⁶ × 2¹⁶ = 2⁹⁶: never overflows.
    public static func weight(units: UInt64, qualityBps: UInt16, tierBps: UInt16) -> UInt128 {
        UInt128(units) * UInt128(qualityBps) * UInt128(tierBps)
    }

    static func submit(
        _ signed: SignedComputeReceipt, provider: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let receipt = signed.receipt
        let parameters = context.parameters
        if let paid = try state.paidEpochOrFail(job: receipt.jobId) { throw .jobAlreadyPaid(epoch: paid) }
        let epoch = try state.epochStateOrFail().number
        let window = parameters.compute.proofWindowEpochs
        guard receipt.epoch <= epoch, epoch - receipt.epoch <= window else {
            throw .receiptEpochOutOfWindow(receipt: receipt.epoch, current: epoch, window: window)
        }
        let existing = try state.stakeOrFail(provider)
        if existing?.jailed == true { throw .jailed }
        guard var stake = existing, stake.amount >= parameters.staking.minStake else {
            throw .providerNotStaked(minimum: parameters.staking.minStake, staked: existing?.amount ?? 0)
        }
        let consumer = receipt.consumerAddress
        let balance = try state.accountOrFail(consumer).balance
        guard balance >= receipt.price else { throw .consumerCannotPay(balance: balance, price: receipt.price) }

        let qualityBps = parameters.compute.qualityMultiplierBps(score: receipt.quality)
        let tierBps = try AttestationModule.effectiveTierBps(stake: stake, context: context, state: state)
        let weight = weight(units: receipt.units, qualityBps: qualityBps, tierBps: tierBps)
        let fee = FeeSplit.portion(receipt.price, parameters.compute.protocolFeeBps)
        try recordWork(
            epoch: epoch, provider: provider, weight: weight, units: receipt.units, price: receipt.price, fee: fee, state: &state)

        try state.debit(consumer, receipt.price)
        try state.credit(provider, receipt.price - fee)
        let feeEvent = try state.distributeFee(fee, payer: consumer, split: parameters.feeSplit)
        state.put(JobMarker(epoch: epoch), at: .job(receipt.jobId))
        stake.reputation = min(Stake.maxReputation, stake.reputation + min(parameters.compute.reputationPerProof, Stake.maxReputation))
        try state.setStake(stake, for: provider)
        return [
            .proofAccepted(
                jobId: receipt.jobId, consumer: consumer, provider: provider, epoch: epoch, units: receipt.units,
                qualityBps: qualityBps, tierBps: tierBps, weight: weight, price: receipt.price, protocolFee: fee),
            feeEvent,
        ]
    }

    /// Adds the receipt to the epoch's record and to the provider's record for the epoch.
    private static func recordWork(
        epoch: UInt64, provider: Address, weight: UInt128, units: UInt64, price: Amount, fee: Amount, state: inout StateOverlay
    ) throws(TransactionError) {
        var record = try state.recordOrFail(EpochRecord.self, at: .epochRecord(epoch)) ?? .empty
        let work = try state.recordOrFail(ProviderWork.self, at: .providerWork(provider, epoch: epoch))
        if work == nil {
            guard record.providers.count < EpochRecord.maxProviders else { throw .epochFull(maxProviders: EpochRecord.maxProviders) }
            record.providers.append(provider)
        }
        var mine = work ?? .empty
        guard let totalWeight = checkedAdd(record.totalWeight, weight), let totalUnits = checkedAdd(record.totalUnits, UInt128(units)),
              let payments = checkedAdd(record.payments, price), let fees = checkedAdd(record.protocolFees, fee),
              let myWeight = checkedAdd(mine.weight, weight), let myUnits = checkedAdd(mine.units, UInt128(units)),
              let earned = checkedAdd(mine.earned, price - fee), record.proofs < UInt64.max, mine.proofs < UInt64.max
        else { throw .balanceOverflow }
        record.totalWeight = totalWeight
        record.totalUnits = totalUnits
        record.payments = payments
        record.protocolFees = fees
        record.proofs += 1
        mine.weight = myWeight
        mine.units = myUnits
        mine.earned = earned
        mine.proofs += 1
        state.put(record, at: .epochRecord(epoch))
        state.put(mine, at: .providerWork(provider, epoch: epoch))
    }
}
