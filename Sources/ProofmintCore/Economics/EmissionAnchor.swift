/// Where the emission schedule stands when `epoch_length` or `compute.blocks_per_year` changes: `0x21` → this record
/// (protocol version 2; absent reads as `genesis`). From `epoch` on, the year in progress (`year`, 0-based) spreads
/// what it has not yet scheduled (its amount under the parameters in force minus `yearScheduled`) over
/// `epochsLeftInYear` epochs, and later years have `epochs_per_year` epochs each. So a change keeps every year
/// boundary and halving already reached, the total of the year in progress, and the fraction of that year still to run.
public struct EmissionAnchor: Equatable, Sendable {
    /// The first epoch the anchor schedules.
    public var epoch: UInt64
    /// The 0-based schedule year `epoch` belongs to (year `year + 1` of §11.5).
    public var year: UInt64
    /// Epochs of that year from `epoch` on (≥ 1).
    public var epochsLeftInYear: UInt64
    /// What that year scheduled to epochs before `epoch`.
    public var yearScheduled: Amount

    public init(epoch: UInt64, year: UInt64, epochsLeftInYear: UInt64, yearScheduled: Amount) {
        self.epoch = epoch
        self.year = year
        self.epochsLeftInYear = epochsLeftInYear
        self.yearScheduled = yearScheduled
    }

    /// The schedule's start, which the version 1 formula assumed: epoch 0 opens year 1 with all of it to run.
    public static func genesis(_ schedule: EmissionSchedule) -> EmissionAnchor {
        EmissionAnchor(epoch: 0, year: 0, epochsLeftInYear: schedule.epochsPerYear, yearScheduled: 0)
    }

    /// What the anchor's year has left to schedule from `epoch` on under `schedule` (0 if it already scheduled more).
    public func yearRemaining(_ schedule: EmissionSchedule) -> Amount {
        let annual = schedule.annualAmount(year: Self.saturatingSuccessor(year))
        return annual > yearScheduled ? annual - yearScheduled : 0
    }

    /// The scheduled (uncapped) amount of `epoch` (≥ `self.epoch`; an earlier one is scheduled as `self.epoch`):
    /// in the anchor's year, `yearRemaining` cut into `epochsLeftInYear` parts with the remainder to the first ones;
    /// after it, `schedule`'s own cut of each later year.
    public func scheduledAmount(epoch: UInt64, schedule: EmissionSchedule) -> Amount {
        let offset = epoch >= self.epoch ? epoch - self.epoch : 0
        if offset < epochsLeftInYear {
            return Self.share(of: yearRemaining(schedule), parts: epochsLeftInYear, index: offset)
        }
        guard schedule.epochsPerYear > 0 else { return 0 }
        let later = offset - epochsLeftInYear
        let year = Self.saturatingSum(self.year, Self.saturatingSuccessor(later / schedule.epochsPerYear))
        return Self.share(
            of: schedule.annualAmount(year: Self.saturatingSuccessor(year)), parts: schedule.epochsPerYear, index: later % schedule.epochsPerYear)
    }

    /// The anchor for a change of `old` to `new` (their epochs per year) taking effect at `epoch`: the position of
    /// `epoch` under `old` (this anchor), the part of its year not yet scheduled, and the year's remaining epochs
    /// scaled by `new / old` epochs per year (at least 1): `⌊left × E_new / E_old⌋`.
    public func moved(to epoch: UInt64, old: EmissionSchedule, new: EmissionSchedule) -> EmissionAnchor {
        let offset = epoch >= self.epoch ? epoch - self.epoch : 0
        var year = self.year, left: UInt64 = 1, scheduled: Amount = 0
        if offset < epochsLeftInYear {
            left = epochsLeftInYear - offset
            let before = Self.scheduledBefore(of: yearRemaining(old), parts: epochsLeftInYear, count: offset)
            scheduled = checkedAdd(yearScheduled, before) ?? .max
        } else if old.epochsPerYear > 0 {
            let later = offset - epochsLeftInYear
            year = Self.saturatingSum(year, Self.saturatingSuccessor(later / old.epochsPerYear))
            let index = later % old.epochsPerYear
            left = old.epochsPerYear - index
            scheduled = Self.scheduledBefore(of: old.annualAmount(year: Self.saturatingSuccessor(year)), parts: old.epochsPerYear, count: index)
        }
        let scaled = UInt128(left) * UInt128(new.epochsPerYear) / UInt128(max(old.epochsPerYear, 1))
        return EmissionAnchor(epoch: epoch, year: year, epochsLeftInYear: UInt64(clamping: max(scaled, 1)), yearScheduled: scheduled)
    }

    private static func saturatingSum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max - 1 : min(sum, .max - 1)
    }

    /// `year + 1` (the 1-based year of a 0-based one), at most `UInt64.max`.
    private static func saturatingSuccessor(_ year: UInt64) -> UInt64 { year == .max ? .max : year + 1 }

    /// Part `index` of `amount` cut into `parts`: `⌊amount / parts⌋`, one more for the first `amount mod parts`.
    static func share(of amount: Amount, parts: UInt64, index: UInt64) -> Amount {
        guard parts > 0 else { return 0 }
        let whole = amount / Amount(parts), extra = amount % Amount(parts)
        return whole + (Amount(index) < extra ? 1 : 0)
    }

    /// The sum of the first `count` parts: `count × ⌊amount / parts⌋ + min(count, amount mod parts)` (≤ amount).
    static func scheduledBefore(of amount: Amount, parts: UInt64, count: UInt64) -> Amount {
        guard parts > 0 else { return 0 }
        let counted = min(count, parts)
        let whole = amount / Amount(parts), extra = amount % Amount(parts)
        return Amount(counted) * whole + min(Amount(counted), extra)
    }
}

extension EmissionAnchor: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(epoch)
        writer.u64(year)
        writer.u64(epochsLeftInYear)
        writer.u128(yearScheduled)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> EmissionAnchor {
        try reader.expectVersion(Self.version, of: "emission anchor")
        let anchor = EmissionAnchor(epoch: try reader.u64(), year: try reader.u64(), epochsLeftInYear: try reader.u64(), yearScheduled: try reader.u128())
        guard anchor.epochsLeftInYear > 0 else { throw .invalidValue(field: "epochs left in year", reason: "must be at least 1") }
        return anchor
    }
}
