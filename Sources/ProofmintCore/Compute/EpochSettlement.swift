/// How an epoch's rewards are being paid. Fixed when settlement starts: `distributable = emission + fromPoolReserved`
/// and the standing weight; accumulated as providers are paid in batches. When finished,
/// `paid = minted + fromPool` and `paid + forfeited + capped ≤ distributable`: what is not paid is never minted (the
/// emission part) or stays in the reward pool (the pool part).
public struct EpochSettlement: Equatable, Sendable {
    /// The height at whose end settlement started.
    public var startedAt: UInt64
    /// The epoch's scheduled emission (0 without standing work: it is never minted).
    public var emission: Amount
    /// The reward pool's balance when settlement started, reserved for this epoch (0 without standing work).
    public var poolReserved: Amount
    /// The standing weight the shares are divided by.
    public var weight: UInt128
    /// Paid to providers so far, and how much of that was minted and how much came from the pool.
    public var paid: Amount
    public var minted: Amount
    public var fromPool: Amount
    /// Shares of providers that were jailed or no longer staked when paid: not paid.
    public var forfeited: Amount
    /// What the reward cap (`compute.reward_cap_bps` of a provider's standing value) held back: not paid.
    public var capped: Amount
    /// Set by the block that paid the last provider.
    public var finishedAt: UInt64?

    public var distributable: Amount { emission + poolReserved }

    public init(
        startedAt: UInt64, emission: Amount, poolReserved: Amount, weight: UInt128, paid: Amount, minted: Amount, fromPool: Amount,
        forfeited: Amount, capped: Amount, finishedAt: UInt64?
    ) {
        self.startedAt = startedAt
        self.emission = emission
        self.poolReserved = poolReserved
        self.weight = weight
        self.paid = paid
        self.minted = minted
        self.fromPool = fromPool
        self.forfeited = forfeited
        self.capped = capped
        self.finishedAt = finishedAt
    }
}

extension EpochSettlement: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u64(startedAt)
        for amount in [emission, poolReserved, weight, paid, minted, fromPool, forfeited, capped] { writer.u128(amount) }
        writer.optional(finishedAt) { $0.u64($1) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EpochSettlement {
        EpochSettlement(
            startedAt: try reader.u64(), emission: try reader.u128(), poolReserved: try reader.u128(), weight: try reader.u128(),
            paid: try reader.u128(), minted: try reader.u128(), fromPool: try reader.u128(), forfeited: try reader.u128(),
            capped: try reader.u128(), finishedAt: try reader.optional { (r: inout CanonicalReader) throws(CodecError) in try r.u64() })
    }
}
