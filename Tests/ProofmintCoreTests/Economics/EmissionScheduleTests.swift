import Foundation
import ProofmintCore
import ProofmintTestSupport
import XCTest

final class EmissionScheduleTests: XCTestCase {
    private static let AI = Tokens.one

    private func schedule(epochsPerYear: UInt64) -> EmissionSchedule {
        EmissionSchedule(
            initialAnnual: 100_000_000 * Self.AI, halvingYears: 4, terminalAnnual: 6_250_000 * Self.AI,
            miningCap: 300_000_000 * Self.AI, epochsPerYear: epochsPerYear)
    }

    func testAnnualAmountsFollowSeed001() {
        // Written out from seed 001's table, not computed: 4 years each of 100M, 50M, 25M, 12.5M, then 6.25M forever.
        let millions: [Double] = [100, 100, 100, 100, 50, 50, 50, 50, 25, 25, 25, 25, 12.5, 12.5, 12.5, 12.5] + Array(repeating: 6.25, count: 9)
        let expected = millions.map { Amount($0 * 100) * 10_000 * Self.AI }
        let schedule = schedule(epochsPerYear: 12)
        XCTAssertEqual((1...25).map { schedule.annualAmount(year: UInt64($0)) }, expected)
        XCTAssertEqual(schedule.annualAmount(year: 1_000), 6_250_000 * Self.AI)
        XCTAssertEqual(schedule.annualAmount(year: 0), 0)
    }

    func testTheEpochsOfAYearAddUpToTheYearExactly() {
        for epochsPerYear: UInt64 in [1, 7, 12, 365, 525_600] {
            let schedule = schedule(epochsPerYear: epochsPerYear)
            for year: UInt64 in [1, 5, 13, 17, 40] {
                let first = (year - 1) * epochsPerYear
                var sum: Amount = 0
                for epoch in first..<(first + epochsPerYear) { sum += schedule.scheduledAmount(epoch: epoch) }
                XCTAssertEqual(sum, schedule.annualAmount(year: year), "year \(year), \(epochsPerYear) epochs")
            }
        }
        // 10^26 over 525,600 epochs: 190258751902587519025 each, the first 460,000 one base unit more (python: divmod(10**26, 525600)).
        let fine = schedule(epochsPerYear: 525_600)
        XCTAssertEqual(fine.scheduledAmount(epoch: 0), 190_258_751_902_587_519_026)
        XCTAssertEqual(fine.scheduledAmount(epoch: 459_999), 190_258_751_902_587_519_026)
        XCTAssertEqual(fine.scheduledAmount(epoch: 460_000), 190_258_751_902_587_519_025)
    }

    func testMintingStopsExactlyAtTheMiningCap() {
        let schedule = schedule(epochsPerYear: 12)
        var minted: Amount = 0
        var capReachedAt: UInt64?
        for epoch: UInt64 in 0..<(12 * 10) {
            let amount = schedule.mintedAmount(epoch: epoch, alreadyMinted: minted)
            minted += amount
            XCTAssertLessThanOrEqual(minted, schedule.miningCap)
            if minted == schedule.miningCap && capReachedAt == nil { capReachedAt = epoch }
        }
        XCTAssertEqual(minted, 300_000_000 * Self.AI)
        XCTAssertEqual(capReachedAt, 35, "the seeds' numbers exhaust the 300M share in the last epoch of year 3")
        XCTAssertEqual(schedule.mintedAmount(epoch: 40, alreadyMinted: 299_999_999 * Self.AI), 1 * Self.AI, "clamped to the room left")
        XCTAssertEqual(schedule.mintedAmount(epoch: 40, alreadyMinted: 400_000_000 * Self.AI), 0)
    }

    func testEpochLengthMustDivideTheYear() {
        XCTAssertNil(EmissionSchedule.seedDefaults(blocksPerYear: 100, epochLength: 7))
        XCTAssertNil(EmissionSchedule.seedDefaults(blocksPerYear: 100, epochLength: 0))
        XCTAssertEqual(EmissionSchedule.seedDefaults(blocksPerYear: 31_536_000, epochLength: 60)?.epochsPerYear, 525_600)
    }

    func testTheCommittedEmissionPageIsTheGeneratorsOutput() throws {
        let page = RepositoryRoot.url
            .appendingPathComponent("docs/EMISSION.md")
        let committed = try String(contentsOf: page, encoding: .utf8)
        let schedule = try XCTUnwrap(EmissionSchedule.seedDefaults(blocksPerYear: 31_536_000, epochLength: 60))
        XCTAssertEqual(
            committed, EmissionTable.markdown(schedule, years: 25, blocksPerYear: 31_536_000, epochLength: 60),
            "docs/EMISSION.md is stale: regenerate it with `proofmintd emission --markdown > docs/EMISSION.md`")
    }
}
