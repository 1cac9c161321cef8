import Foundation
import ProofmintCore
import ProofmintSimulation
import ProofmintTestSupport
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The simulation drives the real state transition, so these tests check what it reports against what the chain's
/// rules promise (supply bookkeeping, the emission schedule, the cap), and that a seed names one run.
final class SimulationTests: XCTestCase {
    private static let AI = Tokens.one

    /// A few seconds of simulated chain: 3-block epochs, 2 epochs a year.
    private func config(seed: UInt64 = 7, epochs: UInt64 = 6) -> SimulationConfig {
        var config = SimulationConfig()
        config.seed = seed
        config.epochs = epochs
        config.epochLength = 3
        config.epochsPerYear = 2
        config.providers = 3
        config.consumers = 4
        config.jobsPerBlock = 2
        config.transfersPerBlock = 1
        config.verification = Self.quickVerification
        return config
    }

    /// Verification windows of one block, so that an epoch settles in the next one (settlement waits for every
    /// window of its receipts), and no reward cap below the value paid, so that emission tests see the schedule.
    private static var quickVerification: VerificationParameters {
        var rules = VerificationParameters.defaults
        rules.sampleDelayBlocks = 1
        rules.validationWindowBlocks = 1
        rules.maxReassignments = 0
        rules.challengeWindowBlocks = 1
        rules.resolutionWindowBlocks = 1
        rules.rewardCapBps = 10_000
        return rules
    }

    /// Jobs of 100 AI: every receipt is sampled (its value reaches `compute.sample_value`), and an epoch's
    /// payments far exceed the small emissions the schedule tests use, so no provider's reward reaches its cap.
    private func expensive(_ config: SimulationConfig) -> SimulationConfig {
        var config = config
        config.minPrice = 100 * Self.AI
        config.maxPrice = 100 * Self.AI
        return config
    }

    /// Settlement floors each provider's share, and what is not paid is never minted: an epoch mints its emission
    /// less at most one base unit per provider.
    private func assertMintedWithinDust(
        _ minted: [Amount], _ expected: [Amount], providers: Int, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(minted.count, expected.count, file: file, line: line)
        for (index, (got, want)) in zip(minted, expected).enumerated() {
            XCTAssertLessThanOrEqual(got, want, "row \(index)", file: file, line: line)
            XCTAssertLessThanOrEqual(want - min(want, got), Amount(providers), "row \(index): \(got) for \(want)", file: file, line: line)
        }
    }

    func testTheSameSeedGivesTheSameRunByteForByte() throws {
        let first = try Simulator.run(config(seed: 42))
        let second = try Simulator.run(config(seed: 42))
        XCTAssertEqual(SimulationReport.csv(first), SimulationReport.csv(second))
        XCTAssertEqual(SimulationReport.svg(first), SimulationReport.svg(second))
        XCTAssertEqual(first.finalStateRoot, second.finalStateRoot)
    }

    func testAnotherSeedGivesAnotherRun() throws {
        let first = try Simulator.run(config(seed: 1))
        let second = try Simulator.run(config(seed: 2))
        XCTAssertNotEqual(SimulationReport.csv(first), SimulationReport.csv(second))
        XCTAssertNotEqual(first.finalStateRoot, second.finalStateRoot)
    }

    func testEveryRowKeepsTheSupplyBooks() throws {
        var seeds = SplitMix64(seed: 2026)
        for _ in 0..<2 {
            let seed = seeds.next()
            let result = try Simulator.run(config(seed: seed))
            let cap = result.parameters.compute.miningCap
            XCTAssertEqual(result.rows.count, 6, "seed \(seed)")
            var mintedSoFar: Amount = 0
            var burnedSoFar: Amount = result.genesisTotals.burned
            for row in result.rows {
                XCTAssertEqual(row.issued - row.cumulativeBurned, row.supply, "seed \(seed) epoch \(row.epoch)")
                XCTAssertLessThanOrEqual(row.cumulativeMinted, cap, "seed \(seed) epoch \(row.epoch)")
                mintedSoFar += row.minted
                burnedSoFar += row.burned
                // The settlements' mints add up to ChainTotals.minted, and minting is all that issues after genesis.
                XCTAssertEqual(mintedSoFar, row.cumulativeMinted, "seed \(seed) epoch \(row.epoch)")
                XCTAssertEqual(row.issued - result.genesisTotals.issued, row.cumulativeMinted, "seed \(seed) epoch \(row.epoch)")
                XCTAssertEqual(burnedSoFar, row.cumulativeBurned, "seed \(seed) epoch \(row.epoch)")
                XCTAssertEqual(row.endHeight, (row.epoch + 1) * 3, "seed \(seed) epoch \(row.epoch)")
                XCTAssertGreaterThan(row.proofs, 0, "seed \(seed) epoch \(row.epoch)")
            }
            XCTAssertEqual(result.genesisTotals.supply, 700_000_000 * Self.AI, "seed 001's allocations outside compute mining")
        }
    }

    /// Settlement is lagged: epoch e's windows close in epoch e + 1's blocks (one-block windows), which is where its
    /// emission is minted; row 0 mints nothing.
    func testEachEpochMintsItsShareOfTheYearWithTheRemainderFirstOneEpochLate() throws {
        var config = expensive(config())
        config.epochsPerYear = 3
        let annual = 30 * Self.AI + 7  // not divisible by 3: the first epochs of each year get one base unit more
        config.initialAnnualEmission = annual
        config.terminalAnnualEmission = Self.AI
        let result = try Simulator.run(config)
        let expected = (0..<5).map { epoch in annual / 3 + (Amount(epoch % 3) < annual % 3 ? 1 : 0) }
        XCTAssertEqual(result.rows.first?.minted, 0)
        assertMintedWithinDust(result.rows.dropFirst().map(\.minted), expected, providers: config.providers)
        XCTAssertEqual(result.rows.map(\.paidToProviders).reduce(0, +) > result.rows.map(\.minted).reduce(0, +), true, "the reward pool pays too")
    }

    func testWithWorkInEveryEpochMintingStopsAtTheCap() throws {
        var config = expensive(config(epochs: 7))
        config.initialAnnualEmission = 100 * Self.AI  // 50 AI an epoch
        config.terminalAnnualEmission = 10 * Self.AI
        config.miningCap = 175 * Self.AI
        let result = try Simulator.run(config)
        // One epoch late (lagged settlement); the epoch that meets the cap mints what is left of it, dust included.
        let minted = result.rows.map(\.minted)
        XCTAssertEqual(minted.first, 0)
        assertMintedWithinDust(Array(minted[1...3]), [50, 50, 50].map { $0 * Self.AI }, providers: config.providers)
        XCTAssertGreaterThanOrEqual(minted[4], 25 * Self.AI)
        XCTAssertLessThanOrEqual(minted[4], 25 * Self.AI + 3 * Amount(config.providers))
        for row in result.rows { XCTAssertLessThanOrEqual(row.cumulativeMinted, config.miningCap ?? 0, "epoch \(row.epoch)") }
        XCTAssertLessThanOrEqual(175 * Self.AI - result.totalMinted, 6 * Amount(config.providers), "only the last settlements' dust is missing")
    }

    /// The compute validators answer every sampled receipt; a bad provider's first sampled receipt is found
    /// malicious, its stake is slashed, and it submits no more. Every 100 AI receipt is sampled.
    func testValidatorsCatchBadProvidersAndArePaidForVerdicts() throws {
        var config = expensive(config(epochs: 5))
        config.badProviderBps = 3_400  // one of the three providers
        let result = try Simulator.run(config)
        let verdicts = result.rows.map(\.verdicts).reduce(0, +)
        let proofs = result.rows.map(\.proofs).reduce(0, +)
        // Caught at its first verdict; receipts it had already submitted get theirs in the next blocks, and then it
        // submits nothing more.
        let caught = try XCTUnwrap(result.rows.firstIndex { $0.maliciousVerdicts > 0 })
        for row in result.rows.dropFirst(caught + 2) { XCTAssertEqual(row.maliciousVerdicts, 0, "epoch \(row.epoch)") }
        XCTAssertGreaterThan(result.rows.map(\.slashed).reduce(0, +), 0)
        // Every receipt gets a verdict two blocks after it, except the last two blocks' (and the bad provider's
        // receipts still pending when it was caught).
        XCTAssertLessThanOrEqual(verdicts, proofs)
        XCTAssertGreaterThanOrEqual(verdicts + UInt64(3 * config.jobsPerBlock), proofs)
        XCTAssertGreaterThan(result.rows.map(\.validationRewards).reduce(0, +), 0)
        // Slashed stake is burned: it shows in the burn column of the same epoch.
        for row in result.rows { XCTAssertLessThanOrEqual(row.slashed, row.burned, "epoch \(row.epoch)") }
    }

    func testWithoutWorkNothingIsMinted() throws {
        var config = config(epochs: 3)
        config.jobsPerBlock = 0
        let result = try Simulator.run(config)
        XCTAssertEqual(result.rows.map(\.minted), [0, 0, 0])
        XCTAssertEqual(result.rows.map(\.proofs), [0, 0, 0])
        XCTAssertGreaterThan(result.totalBurned, 0, "transfers and stakes still pay fees, 40% of which is burned")
    }

    func testTheCSVHasAHeaderAndOneLinePerEpoch() throws {
        let result = try Simulator.run(config(epochs: 4))
        let lines = SimulationReport.csv(result).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(lines.first.map(String.init), SimulationReport.csvColumns.joined(separator: ","))
        for line in lines { XCTAssertEqual(line.split(separator: ",").count, SimulationReport.csvColumns.count, String(line)) }
        XCTAssertTrue(lines[1].hasPrefix("0,3,1,"), String(lines[1]))
    }

    func testTheChartIsWellFormedSVGWithOneLinePerSeries() throws {
        let result = try Simulator.run(config(epochs: 4))
        let svg = SimulationReport.svg(result)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertFalse(svg.contains("href"), "self-contained: no external assets")
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(
            collector.polylines.keys.sorted(),
            ["cumulative-burned", "cumulative-minted", "cumulative-slashed", "cumulative-validation-rewards", "supply"])
        for (id, points) in collector.polylines {
            XCTAssertEqual(points.split(separator: " ").count, result.rows.count + 1, "\(id): genesis plus one point per epoch")
        }
        XCTAssertTrue(collector.texts.contains { $0.contains("token supply over 4 epochs") })
    }

    func testConfigurationErrorsNameTheOptionToChange() {
        var tooRich = SimulationConfig()
        tooRich.consumers = 1000
        XCTAssertThrowsError(try tooRich.parameters()) { error in
            guard case SimulationError.fundingExceedsPublicSale = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("--consumer-balance"))
        }
        var tooCheap = SimulationConfig()
        tooCheap.minPrice = 1
        XCTAssertThrowsError(try tooCheap.parameters()) { error in
            guard case let SimulationError.invalidOption(option, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(option, "--min-price")
        }
        var badSchedule = SimulationConfig()
        badSchedule.initialAnnualEmission = Self.AI  // below the 6.25M floor
        XCTAssertThrowsError(try badSchedule.parameters()) { error in
            guard case SimulationError.invalidParameters = error else { return XCTFail("\(error)") }
        }
    }
}

/// Collects the polylines (by id) and the text of an SVG document.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var polylines: [String: String] = [:]
    var texts: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == "polyline" { polylines[attributes["id"] ?? "?"] = attributes["points"] ?? "" }
        if elementName == "text" { texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !texts.isEmpty { texts[texts.count - 1] += string }
    }
}
