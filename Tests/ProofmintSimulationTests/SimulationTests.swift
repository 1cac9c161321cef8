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
        return config
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

    func testEachEpochMintsItsShareOfTheYearWithTheRemainderFirst() throws {
        var config = config()
        config.epochsPerYear = 3
        let annual = 1_000_000 * Self.AI + 7  // not divisible by 3: the first epochs of each year get one base unit more
        config.initialAnnualEmission = annual
        config.terminalAnnualEmission = Self.AI
        let result = try Simulator.run(config)
        let expected = (0..<6).map { epoch in annual / 3 + (Amount(epoch % 3) < annual % 3 ? 1 : 0) }
        XCTAssertEqual(result.rows.map(\.minted), expected)
        XCTAssertEqual(result.rows.prefix(3).reduce(0) { $0 + $1.minted }, annual)
    }

    func testWithWorkInEveryEpochMintingStopsExactlyAtTheCap() throws {
        var config = config()
        config.initialAnnualEmission = 100 * Self.AI  // 50 AI an epoch
        config.terminalAnnualEmission = 10 * Self.AI
        config.miningCap = 175 * Self.AI
        let result = try Simulator.run(config)
        XCTAssertEqual(result.rows.map(\.minted), [50, 50, 50, 25, 0, 0].map { $0 * Self.AI })
        XCTAssertEqual(result.rows.map(\.cumulativeMinted), [50, 100, 150, 175, 175, 175].map { $0 * Self.AI })
        XCTAssertEqual(result.capReachedAtEpoch, 3)
        XCTAssertEqual(result.totalMinted, 175 * Self.AI)
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
        XCTAssertEqual(collector.polylines.keys.sorted(), ["cumulative-burned", "cumulative-minted", "supply"])
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
