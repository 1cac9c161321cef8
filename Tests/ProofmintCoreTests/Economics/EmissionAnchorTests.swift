@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The emission anchor (PROTOCOL.md §11.5, protocol version 2): a change of `epoch_length` or
/// `compute.blocks_per_year` keeps the year in progress's total and its end, and so the next halving's height. The
/// schedule here: a year of 120 blocks, halving every year, 1,200 AI + 7 base units in year 1 (so the cut has a
/// remainder), epochs of 10 blocks (12 a year) until a change at epoch 4 (heights 41…).
final class EmissionAnchorTests: StakingTestCase {
    static let AI = Tokens.one
    static let initial = 1_200 * AI + 7

    func schedule(epochsPerYear: UInt64) -> EmissionSchedule {
        EmissionSchedule(initialAnnual: Self.initial, halvingYears: 1, terminalAnnual: 0, miningCap: 1_000_000 * Self.AI, epochsPerYear: epochsPerYear)
    }

    /// Epoch start heights when epochs 0..<`changeAt` last `before` blocks and later ones `after` (epoch 0 starts at 1).
    func startHeight(of epoch: UInt64, changeAt: UInt64, before: UInt64, after: UInt64) -> UInt64 {
        1 + min(epoch, changeAt) * before + (epoch > changeAt ? (epoch - changeAt) * after : 0)
    }

    func testTheGenesisAnchorIsTheVersionOneSchedule() {
        for perYear: UInt64 in [1, 7, 12, 525_600] {
            let schedule = schedule(epochsPerYear: perYear)
            let anchor = EmissionAnchor.genesis(schedule)
            for epoch: UInt64 in [0, 1, 5, perYear - 1, perYear, perYear + 3, 3 * perYear + 2, 40 * perYear] {
                XCTAssertEqual(anchor.scheduledAmount(epoch: epoch, schedule: schedule), schedule.scheduledAmount(epoch: epoch), "\(perYear) \(epoch)")
            }
        }
    }

    func testHalvingTheEpochLengthMidYearKeepsTheYearsTotalAndTheNextHalvingsHeight() {
        // epoch_length 10 → 5 at epoch 4: 12 → 24 epochs a year.
        let old = schedule(epochsPerYear: 12), new = schedule(epochsPerYear: 24)
        let anchor = EmissionAnchor.genesis(old).moved(to: 4, old: old, new: new)
        XCTAssertEqual(anchor.epoch, 4)
        XCTAssertEqual(anchor.year, 0)
        XCTAssertEqual(anchor.epochsLeftInYear, 16, "8 epochs of 10 blocks left = 16 of 5")
        let firstFour = (0..<4).reduce(Amount(0)) { $0 + old.scheduledAmount(epoch: $1) }
        XCTAssertEqual(anchor.yearScheduled, firstFour)
        // Year 1's total is kept to the base unit: epochs 0-3 under the old cut, 4-19 under the anchor.
        let rest = (4..<20).reduce(Amount(0)) { $0 + anchor.scheduledAmount(epoch: $1, schedule: new) }
        XCTAssertEqual(firstFour + rest, Self.initial)
        // The halving (year 2) starts with epoch 20, at height 121: where epoch 12 started before the change.
        XCTAssertEqual(startHeight(of: 20, changeAt: 4, before: 10, after: 5), startHeight(of: 12, changeAt: 12, before: 10, after: 10))
        XCTAssertEqual(anchor.scheduledAmount(epoch: 19, schedule: new), (Self.initial - firstFour) / 16)
        XCTAssertEqual(anchor.scheduledAmount(epoch: 20, schedule: new), Self.initial / 2 / 24 + 1, "year 2: half, in 24 epochs")
        let year2 = (20..<44).reduce(Amount(0)) { $0 + anchor.scheduledAmount(epoch: $1, schedule: new) }
        XCTAssertEqual(year2, Self.initial / 2)
        // Version 1's formula, ⌊epoch / epochs per year⌋, would have run year 1 to epoch 23 (height 141) and paid the
        // 16 epochs left 1/24 of the year each: 4/3 of what remained.
        XCTAssertEqual(new.scheduledAmount(epoch: 20), new.scheduledAmount(epoch: 8), "version 1: epoch 20 still in year 1, the halving moved to epoch 24")
        let version1Rest = (4..<24).reduce(Amount(0)) { $0 + new.scheduledAmount(epoch: $1) }
        XCTAssertGreaterThan(firstFour + version1Rest, Self.initial)
    }

    func testAChangeOfTheYearLengthKeepsTheYearsTotalAndTheFractionLeft() {
        // blocks_per_year 120 → 240 at epoch 4 with 10-block epochs: the year in progress keeps 8/12 of itself to run
        // (now 16 epochs); later years last 24 epochs.
        let old = schedule(epochsPerYear: 12), new = schedule(epochsPerYear: 24)
        let anchor = EmissionAnchor.genesis(old).moved(to: 4, old: old, new: new)
        XCTAssertEqual(anchor.epochsLeftInYear, 16)
        let total = (0..<4).reduce(Amount(0)) { $0 + old.scheduledAmount(epoch: $1) }
            + (4..<20).reduce(Amount(0)) { $0 + anchor.scheduledAmount(epoch: $1, schedule: new) }
        XCTAssertEqual(total, Self.initial)
        // A second change later in the same year (24 → 6 epochs a year at epoch 10) keeps it again.
        let newer = schedule(epochsPerYear: 6)
        let again = anchor.moved(to: 10, old: new, new: newer)
        XCTAssertEqual(again.year, 0)
        XCTAssertEqual(again.epochsLeftInYear, 2, "10 of 24 left = 2.5 of 6, floored")
        let twice = (0..<4).reduce(Amount(0)) { $0 + old.scheduledAmount(epoch: $1) }
            + (4..<10).reduce(Amount(0)) { $0 + anchor.scheduledAmount(epoch: $1, schedule: new) }
            + (10..<12).reduce(Amount(0)) { $0 + again.scheduledAmount(epoch: $1, schedule: newer) }
        XCTAssertEqual(twice, Self.initial)
        XCTAssertEqual(again.scheduledAmount(epoch: 12, schedule: newer), Self.initial / 2 / 6 + 1, "year 2 from epoch 12")
        // A change in a later year anchors in that year, with what it had scheduled so far.
        let late = EmissionAnchor.genesis(old).moved(to: 30, old: old, new: new)
        XCTAssertEqual(late.year, 2)
        XCTAssertEqual(late.epochsLeftInYear, 12)
        XCTAssertEqual(late.yearScheduled, (24..<30).reduce(Amount(0)) { $0 + old.scheduledAmount(epoch: $1) })
    }

    /// PROTOCOL.md §11.5's example, which scripts/protocol_vectors.py derives on its own: the devnet schedule,
    /// `epoch_length` 60 → 50 taking effect at epoch 100,000.
    func testTheDevnetVectorOfTheProtocol() {
        let old = ComputeParameters.defaults.emissionSchedule(epochLength: 60), new = ComputeParameters.defaults.emissionSchedule(epochLength: 50)
        let anchor = EmissionAnchor.genesis(old).moved(to: 100_000, old: old, new: new)
        XCTAssertEqual(anchor.canonicalBytes.hex, "0100000000000186a00000000000000000000000000007cb0000000000000fbce2c2bf95567dfc4b40")
        XCTAssertEqual(anchor.scheduledAmount(epoch: 100_000, schedule: new), 158_548_959_918_822_932_522)
        XCTAssertEqual(try EmissionAnchor(canonical: anchor.canonicalBytes), anchor)
    }

    func testAnExecutedChangeWritesTheAnchorAndSettlementsFollowIt() throws {
        let chain = try TestChain(parameters: #"{"epoch_length": 10, "compute": {"blocks_per_year": 120, "halving_years": 1}}"#)
        try chain.advance(to: 45)
        XCTAssertEqual(chain.epochState().number, 4)
        let parameters = chain.currentParameters()
        var overlay = StateOverlay(base: chain.store)
        try ParameterChanges.apply([.init(name: "epoch_length", value: 8)], to: parameters, height: 46, state: &overlay)
        let anchor = try XCTUnwrap(try overlay.record(EmissionAnchor.self, at: .emissionAnchor))
        let old = parameters.compute.emissionSchedule(epochLength: 10), new = parameters.compute.emissionSchedule(epochLength: 8)
        XCTAssertEqual(new.epochsPerYear, 15)
        XCTAssertEqual(anchor, EmissionAnchor.genesis(old).moved(to: 4, old: old, new: new))
        XCTAssertEqual(anchor.epochsLeftInYear, 10, "8 of 12 left = 10 of 15")
        // What the epoch step mints follows the anchor: year 1 still adds up to its amount.
        var changed = parameters
        changed.epochLength = 8
        let totals = ChainTotals.zero
        let year1 = (0..<4).reduce(Amount(0)) { $0 + EpochModule.emission(epoch: $1, parameters: parameters, totals: totals) }
            + (4..<14).reduce(Amount(0)) { $0 + EpochModule.emission(epoch: $1, parameters: changed, totals: totals, anchor: anchor) }
        XCTAssertEqual(year1, parameters.compute.initialAnnualEmission)
        // A change that leaves the epochs per year alone writes no anchor.
        var other = StateOverlay(base: chain.store)
        try ParameterChanges.apply([.init(name: "compute.protocol_fee_bps", value: 36)], to: parameters, height: 46, state: &other)
        XCTAssertNil(try other.record(EmissionAnchor.self, at: .emissionAnchor))
    }
}
