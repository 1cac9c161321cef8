import ProofmintCore
import ProofmintTestSupport
import XCTest

final class AmountTests: XCTestCase {
    func testFormat() {
        XCTAssertEqual(Tokens.format(0), "0")
        XCTAssertEqual(Tokens.format(1), "0.000000000000000001")
        XCTAssertEqual(Tokens.format(Tokens.one), "1")
        XCTAssertEqual(Tokens.format(Tokens.one * 3 / 2), "1.5")
        XCTAssertEqual(Tokens.format(Tokens.one / 1000), "0.001")
        XCTAssertEqual(Tokens.format(1_000_000_000 * Tokens.one), "1000000000")
        // Checked with Python: str(2**128 - 1) split 18 digits from the right.
        XCTAssertEqual(Tokens.format(UInt128.max), "340282366920938463463.374607431768211455")
    }

    func testParse() {
        XCTAssertEqual(Tokens.parse("1250"), 1250, "plain digits are base units")
        XCTAssertEqual(Tokens.parse("0"), 0)
        XCTAssertEqual(Tokens.parse("12.5AI"), 12 * Tokens.one + Tokens.one / 2)
        XCTAssertEqual(Tokens.parse("12.5 AI"), 12 * Tokens.one + Tokens.one / 2)
        XCTAssertEqual(Tokens.parse("12.5ai"), 12 * Tokens.one + Tokens.one / 2)
        XCTAssertEqual(Tokens.parse(" 7AI "), 7 * Tokens.one)
        XCTAssertEqual(Tokens.parse("0.000000000000000001AI"), 1, "18 decimals is the limit")
        XCTAssertEqual(Tokens.parse("340282366920938463463374607431768211455"), UInt128.max)
        XCTAssertEqual(Tokens.parse("340282366920938463463.374607431768211455AI"), UInt128.max)
        XCTAssertEqual(Tokens.parseBaseUnits("1000000000000000000000000000"), 1_000_000_000 * Tokens.one)
        XCTAssertEqual(Tokens.parseTokens("2"), 2 * Tokens.one)
    }

    func testParseRejections() {
        let rejected = [
            "", " ", "AI", "1.", ".5", "-1", "+1", "1e3", "1E3", "0x10", "1,5", "1 000", "1.5", "½",
            "1.AI", ".5AI", "-1AI", "1e3AI", "1.2.3AI", "1..2AI", "١٢", "12AI AI",
            // 19 decimals.
            "0.0000000000000000001AI", "1.0000000000000000000AI",
            // 2^128 base units, and one base unit more than the maximum as tokens.
            "340282366920938463463374607431768211456",
            "340282366920938463463.374607431768211456AI",
            "340282366920938463464AI",
            "99999999999999999999999999999999999999999",
            // Leading zeros are refused for base units (one spelling per amount in JSON).
            "00", "01",
        ]
        for text in rejected {
            XCTAssertNil(Tokens.parse(text), "'\(text)' parsed as \(Tokens.parse(text).map(String.init) ?? "")")
        }
    }

    /// Property: format then parse (as tokens) gives back the amount, and base-unit text round trips too.
    func testRoundTrips() {
        var rng = SplitMix64(seed: 0xa770)
        for _ in 0..<3000 {
            let amount = rng.interestingUInt128()
            let text = Tokens.format(amount)
            XCTAssertEqual(Tokens.parse(text + "AI"), amount, text)
            XCTAssertEqual(Tokens.parseTokens(text), amount, text)
            XCTAssertEqual(Tokens.parse(String(amount)), amount)
            XCTAssertFalse(text.hasSuffix("0") && text.contains("."), "trailing zero in \(text)")
            if let dot = text.firstIndex(of: ".") {
                XCTAssertLessThanOrEqual(text.distance(from: dot, to: text.endIndex) - 1, 18)
            }
        }
    }
}

final class FeeSplitTests: XCTestCase {
    /// floor(amount × bps / 10 000), computed independently with a 256-bit product and a full-width division.
    static func reference(_ amount: UInt128, _ bps: UInt16) -> UInt128 {
        let product = amount.multipliedFullWidth(by: UInt128(bps))
        return UInt128(10_000).dividingFullWidth((high: product.high, low: product.low)).quotient
    }

    func testReferenceAgainstPythonValues() {
        // Python: (2**128 - 1) * bps // 10000.
        XCTAssertEqual(Self.reference(UInt128.max, 4000), 136_112_946_768_375_385_385_349_842_972_707_284_582)
        XCTAssertEqual(Self.reference(UInt128.max, 1), 34_028_236_692_093_846_346_337_460_743_176_821)
        XCTAssertEqual(Self.reference(UInt128.max, 9999), 340_248_338_684_246_369_617_028_269_971_025_034_633)
        XCTAssertEqual(Self.reference(UInt128.max, 10_000), UInt128.max)
    }

    func testDefaultSplitOfKnownAmounts() {
        let split = Parameters.defaults.feeSplit
        let shares = split.shares(of: UInt128.max)
        XCTAssertEqual(shares.burn, 136_112_946_768_375_385_385_349_842_972_707_284_582)
        XCTAssertEqual(shares.rewardPool, 102_084_710_076_281_539_039_012_382_229_530_463_436)
        XCTAssertEqual(shares.liquidity, 34_028_236_692_093_846_346_337_460_743_176_821_145)
        // The treasury takes the remainder (its floor share plus the rounding dust).
        XCTAssertEqual(shares.treasury, UInt128.max - shares.burn - shares.rewardPool - shares.liquidity)
        XCTAssertEqual(shares.treasury, 68_056_473_384_187_692_692_674_921_486_353_642_292)

        let amount: UInt128 = 123_456_789_012_345_678_901_234_567_890
        let s = split.shares(of: amount)
        XCTAssertEqual(s.burn, 49_382_715_604_938_271_560_493_827_156)
        XCTAssertEqual(s.rewardPool, 37_037_036_703_703_703_670_370_370_367)
        XCTAssertEqual(s.liquidity, 12_345_678_901_234_567_890_123_456_789)
        XCTAssertEqual(s.treasury, 24_691_357_802_469_135_780_246_913_578)

        let tiny = split.shares(of: 9)
        XCTAssertEqual([tiny.burn, tiny.rewardPool, tiny.treasury, tiny.liquidity], [3, 2, 4, 0], "dust goes to the treasury")
        let zero = split.shares(of: 0)
        XCTAssertEqual([zero.burn, zero.rewardPool, zero.treasury, zero.liquidity], [0, 0, 0, 0])
    }

    /// Property: for random amounts (the extremes included) and random splits that add up to 10 000, the shares
    /// add up to the amount exactly, the non-treasury shares are the floors, and the treasury gets at most 3 units
    /// of rounding dust on top of its own floor.
    func testSharesAlwaysAddUpAndAreFloors() {
        var rng = SplitMix64(seed: 0xfee5)
        var splits = [Parameters.defaults.feeSplit, FeeSplit(burnBps: 10_000, rewardPoolBps: 0, treasuryBps: 0, liquidityBps: 0),
                      FeeSplit(burnBps: 0, rewardPoolBps: 0, treasuryBps: 10_000, liquidityBps: 0),
                      FeeSplit(burnBps: 3333, rewardPoolBps: 3333, treasuryBps: 1, liquidityBps: 3333),
                      FeeSplit(burnBps: 2500, rewardPoolBps: 2500, treasuryBps: 2500, liquidityBps: 2500)]
        for _ in 0..<40 {
            let a = UInt16(rng.int(0...10_000)), b = UInt16(rng.int(0...(10_000 - Int(a))))
            let c = UInt16(rng.int(0...(10_000 - Int(a) - Int(b))))
            let d = 10_000 - a - b - c
            var parts = rng.shuffled([a, b, c, d])
            splits.append(FeeSplit(burnBps: parts.removeLast(), rewardPoolBps: parts.removeLast(), treasuryBps: parts.removeLast(), liquidityBps: parts.removeLast()))
        }
        var amounts: [UInt128] = [0, 1, 3, 9_999, 10_000, 10_001, UInt128.max, UInt128.max - 1, UInt128.max / 10_000 * 10_000]
        for _ in 0..<150 { amounts.append(rng.interestingUInt128()) }
        for split in splits {
            for amount in amounts {
                let s = split.shares(of: amount)
                let (sum1, o1) = s.burn.addingReportingOverflow(s.rewardPool)
                let (sum2, o2) = sum1.addingReportingOverflow(s.treasury)
                let (sum, o3) = sum2.addingReportingOverflow(s.liquidity)
                XCTAssertFalse(o1 || o2 || o3)
                XCTAssertEqual(sum, amount, "\(split) of \(amount)")
                XCTAssertEqual(s.burn, Self.reference(amount, split.burnBps), "burn \(split.burnBps) bps of \(amount)")
                XCTAssertEqual(s.rewardPool, Self.reference(amount, split.rewardPoolBps))
                XCTAssertEqual(s.liquidity, Self.reference(amount, split.liquidityBps))
                let treasuryFloor = Self.reference(amount, split.treasuryBps)
                XCTAssertGreaterThanOrEqual(s.treasury, treasuryFloor)
                // Four fractional parts, each below one unit, sum to a whole number: at most 3 units of dust.
                XCTAssertLessThanOrEqual(s.treasury - treasuryFloor, 3, "dust is less than one unit per share")
            }
        }
    }
}
