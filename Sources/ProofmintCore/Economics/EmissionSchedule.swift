/// Seed 001's emission schedule in exact integer form: 100M AI a year for years 1–4, halving every 4 years,
/// never below the 6.25M AI terminal rate; each year cut into its epochs so that the epochs of a year add up to
/// exactly that year's amount; and everything clamped so that minting never passes the compute-mining cap.
///
/// Pure and parameter-driven (year length and epoch length are in blocks), so the state transition, the
/// simulation and the documentation table all compute the same numbers.
public struct EmissionSchedule: Equatable, Sendable {
    /// Year 1's amount.
    public var initialAnnual: Amount
    /// Years between halvings.
    public var halvingYears: UInt64
    /// The floor the annual amount never goes below.
    public var terminalAnnual: Amount
    /// The most that may ever be minted by Proof of Compute (seed 001: 30% of the supply).
    public var miningCap: Amount
    /// Epochs in one year (year length in blocks ÷ epoch length in blocks).
    public var epochsPerYear: UInt64

    /// The seeds' numbers for a year of `blocksPerYear` blocks cut into epochs of `epochLength` blocks;
    /// nil unless the epoch length divides the year exactly.
    public static func seedDefaults(blocksPerYear: UInt64, epochLength: UInt64) -> EmissionSchedule? {
        guard epochLength > 0, blocksPerYear >= epochLength, blocksPerYear % epochLength == 0 else { return nil }
        return EmissionSchedule(
            initialAnnual: 100_000_000 * Tokens.one, halvingYears: 4, terminalAnnual: 6_250_000 * Tokens.one,
            miningCap: 300_000_000 * Tokens.one, epochsPerYear: blocksPerYear / epochLength)
    }

    public init(initialAnnual: Amount, halvingYears: UInt64, terminalAnnual: Amount, miningCap: Amount, epochsPerYear: UInt64) {
        self.initialAnnual = initialAnnual
        self.halvingYears = halvingYears
        self.terminalAnnual = terminalAnnual
        self.miningCap = miningCap
        self.epochsPerYear = epochsPerYear
    }

    /// The scheduled (uncapped) amount of `year` (1-based): `max(initial / 2^⌊(year−1)/halving_years⌋, terminal)`.
    public func annualAmount(year: UInt64) -> Amount {
        guard year >= 1, halvingYears > 0 else { return 0 }
        let halvings = (year - 1) / halvingYears
        let halved = halvings >= 128 ? 0 : initialAnnual >> halvings
        return max(halved, terminalAnnual)
    }

    /// The scheduled (uncapped) amount of `epoch` (0-based; epoch k is year ⌊k / epochs_per_year⌋ + 1). A year's
    /// amount A over E epochs gives each ⌊A / E⌋ and one more base unit to the first `A mod E` epochs, so the
    /// epochs of a year add up to A exactly.
    public func scheduledAmount(epoch: UInt64) -> Amount {
        guard epochsPerYear > 0 else { return 0 }
        let annual = annualAmount(year: epoch / epochsPerYear + 1)
        let perEpoch = annual / Amount(epochsPerYear)
        let remainder = annual % Amount(epochsPerYear)
        return perEpoch + (Amount(epoch % epochsPerYear) < remainder ? 1 : 0)
    }

    /// What epoch `epoch` actually mints when `alreadyMinted` has been minted before it: the scheduled amount (from
    /// `anchor` if there is one, §11.5), clamped so the total never passes the mining cap (after which providers are
    /// paid from the reward pool alone).
    public func mintedAmount(epoch: UInt64, alreadyMinted: Amount, anchor: EmissionAnchor? = nil) -> Amount {
        let room = alreadyMinted >= miningCap ? 0 : miningCap - alreadyMinted
        let scheduled = anchor.map { $0.scheduledAmount(epoch: epoch, schedule: self) } ?? scheduledAmount(epoch: epoch)
        return min(scheduled, room)
    }

    /// One row per year: the scheduled amount, the cumulative scheduled amount, and the cumulative amount actually
    /// minted under the cap. The source of the table in docs/EMISSION.md.
    public func yearlyTable(years: UInt64) -> [(year: UInt64, scheduled: Amount, cumulativeScheduled: Amount, cumulativeMinted: Amount)] {
        var rows = [(year: UInt64, scheduled: Amount, cumulativeScheduled: Amount, cumulativeMinted: Amount)]()
        var cumulative: Amount = 0
        for year in 1...max(years, 1) {
            let scheduled = annualAmount(year: year)
            cumulative = cumulative.addingReportingOverflow(scheduled).overflow ? .max : cumulative + scheduled
            rows.append((year, scheduled, cumulative, min(cumulative, miningCap)))
        }
        return rows
    }
}
