import ProofmintCrypto

/// The `submit-proof` rules: a provider presents a consumer-signed compute receipt; the consumer pays the price
/// less the protocol and validation fees, and the work is weighed into the current epoch's rewards, pending sampling,
/// validation and challenges (protocol version 3). Every check runs before the first write, so a refused receipt
/// changes nothing but the fee and nonce. The writes are a fixed number of fixed-size records, whatever the number
/// of providers in the epoch.
public enum ProofModule {
    /// Checks that need only the receipt and the chain's parameters; failing any keeps the transaction out of blocks.
    /// `signatureValid` is whether the consumer's signature verifies (`SignatureCheck.receipt`, checked ahead on every
    /// core or at admission); it is consulted last, where the check itself used to run.
    static func validateBasic(
        _ signed: SignedComputeReceipt, sender: Address, context: BlockContext, signatureValid: Bool
    ) throws(TransactionError) {
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
        guard signatureValid else { throw .receiptBadSignature }
    }

    /// A receipt's weight in fixed point: `value × quality bps × tier bps` (10⁸ = one base unit paid at 1.0x and 1.0x),
    /// so fabricated work weighs only as much as the money spent on it. Nil past 2¹²⁸ (a price above 2⁹⁶ base units).
    public static func weight(value: Amount, qualityBps: UInt16, tierBps: UInt16) -> UInt128? {
        let (scaled, overflow) = value.multipliedReportingOverflow(by: UInt128(qualityBps) * UInt128(tierBps))
        return overflow ? nil : scaled
    }

    static func submit(
        _ signed: SignedComputeReceipt, provider: Address, context: BlockContext, state: inout StateOverlay
    ) throws(TransactionError) -> [Event] {
        let receipt = signed.receipt
        let parameters = context.parameters
        let rules = parameters.compute.verification
        if let paid = try state.receiptOrFail(receipt.jobId) { throw .jobAlreadyPaid(epoch: paid.epoch) }
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

        let qualityBps = parameters.compute.qualityMultiplierBps(score: min(receipt.quality, rules.unverifiedQualityMax))
        let tierBps = try AttestationModule.effectiveTierBps(stake: stake, context: context, state: state)
        guard let weight = weight(value: receipt.price, qualityBps: qualityBps, tierBps: tierBps) else { throw .balanceOverflow }
        let fee = FeeSplit.portion(receipt.price, parameters.compute.protocolFeeBps)
        let validationFee = FeeSplit.portion(receipt.price, rules.validationFeeBps)
        let record = ReceiptRecord(
            provider: provider, consumer: consumer, epoch: epoch, receiptEpoch: receipt.epoch, acceptedAt: context.height,
            value: receipt.price, units: receipt.units, score: receipt.quality, qualityBps: qualityBps, tierBps: tierBps, weight: weight,
            modelHash: receipt.modelHash, inputHash: receipt.inputHash, outputHash: receipt.outputHash, validation: .pendingSample,
            validator: nil, deadline: context.height.saturatingAdd(rules.sampleDelayBlocks), missed: 0, verdict: nil,
            challengeUntil: context.height.saturatingAdd(rules.challengeWindowBlocks), challenge: nil)
        try recordWork(record, job: receipt.jobId, fees: (fee, validationFee), closesAt: rules.windowsClose(acceptedAt: context.height), state: &state)

        try state.debit(consumer, receipt.price)
        try state.credit(provider, receipt.price - fee - validationFee)
        try state.credit(ModuleAccount.validation.address, validationFee)
        let feeEvent = try state.distributeFee(fee, payer: consumer, split: parameters.feeSplit)
        state.put(record, at: .receipt(receipt.jobId))
        try state.scheduleComputeDue(receipt.jobId, at: record.deadline)
        stake.reputation = min(Stake.maxReputation, stake.reputation + min(parameters.compute.reputationPerProof, Stake.maxReputation))
        try state.setStake(stake, for: provider)
        return [
            .proofAccepted(
                jobId: receipt.jobId, consumer: consumer, provider: provider, epoch: epoch, units: receipt.units,
                qualityBps: qualityBps, tierBps: tierBps, weight: weight, price: receipt.price, protocolFee: fee,
                validationFee: validationFee),
            feeEvent,
        ]
    }

    /// Adds the receipt to its epoch's totals and indexes and to the provider's work in the epoch; a provider's first
    /// receipt in an epoch indexes it and holds its withdrawals until the epoch settles.
    private static func recordWork(
        _ record: ReceiptRecord, job: Hash32, fees: (protocol: Amount, validation: Amount), closesAt: UInt64, state: inout StateOverlay
    ) throws(TransactionError) {
        var epoch = try state.epochRecordOrFail(record.epoch)
        let workKey = StateKey.providerWork(record.provider, epoch: record.epoch)
        let existing = try state.recordOrFail(ProviderWork.self, at: workKey)
        var work = existing ?? .empty
        guard epoch.proofs < UInt64(UInt32.max), epoch.providerCount < UInt32.max,
              let totalWeight = checkedAdd(epoch.totalWeight, record.weight), let totalValue = checkedAdd(epoch.totalValue, record.value),
              let totalUnits = checkedAdd(epoch.totalUnits, UInt128(record.units)), let payments = checkedAdd(epoch.payments, record.value),
              let protocolFees = checkedAdd(epoch.protocolFees, fees.protocol),
              let validationFees = checkedAdd(epoch.validationFees, fees.validation),
              let myWeight = checkedAdd(work.weight, record.weight), let myValue = checkedAdd(work.value, record.value),
              let myUnits = checkedAdd(work.units, UInt128(record.units)),
              let earned = checkedAdd(work.earned, record.value - fees.protocol - fees.validation), work.proofs < UInt64.max
        else { throw .balanceOverflow }
        if existing == nil {
            state.put(IndexEntry(bytes: record.provider.bytes), at: .epochProvider(epoch: record.epoch, index: epoch.providerCount))
            epoch.providerCount += 1
            try state.changeComputeHold(record.provider, raise: true)
        }
        state.put(IndexEntry(bytes: job.bytes), at: .epochReceipt(epoch: record.epoch, index: UInt32(epoch.proofs)))
        epoch.proofs += 1
        epoch.totalWeight = totalWeight
        epoch.totalValue = totalValue
        epoch.totalUnits = totalUnits
        epoch.payments = payments
        epoch.protocolFees = protocolFees
        epoch.validationFees = validationFees
        epoch.closesAt = max(epoch.closesAt, closesAt)
        work.weight = myWeight
        work.value = myValue
        work.units = myUnits
        work.earned = earned
        work.proofs += 1
        state.put(epoch, at: .epochRecord(record.epoch))
        state.put(work, at: workKey)
    }

    /// Changes a standing receipt's weight (a pass re-weighs it, a failure or upheld challenge takes it to 0, along
    /// with its value) in the receipt, its provider's work and its epoch's totals.
    static func reweigh(_ record: inout ReceiptRecord, to weight: UInt128, removing: Bool, state: inout StateOverlay) throws(TransactionError) {
        var epoch = try state.epochRecordOrFail(record.epoch)
        let workKey = StateKey.providerWork(record.provider, epoch: record.epoch)
        var work = try state.recordOrFail(ProviderWork.self, at: workKey) ?? .empty
        let value = removing ? record.value : 0
        guard let epochWeight = checkedAdd(epoch.totalWeight - min(epoch.totalWeight, record.weight), weight),
              let workWeight = checkedAdd(work.weight - min(work.weight, record.weight), weight)
        else { throw .balanceOverflow }
        epoch.totalWeight = epochWeight
        epoch.totalValue -= min(epoch.totalValue, value)
        work.weight = workWeight
        work.value -= min(work.value, value)
        record.weight = weight
        state.put(epoch, at: .epochRecord(record.epoch))
        state.put(work, at: workKey)
    }

    /// Makes sure the epoch of `record` does not start settling before `height`.
    static func holdEpochOpen(_ record: ReceiptRecord, until height: UInt64, state: inout StateOverlay) throws(TransactionError) {
        var epoch = try state.epochRecordOrFail(record.epoch)
        guard height > epoch.closesAt else { return }
        epoch.closesAt = height
        state.put(epoch, at: .epochRecord(record.epoch))
    }
}
