import XCTest

@testable import ProofmintNode

/// The token bucket behind the per-client limits, driven by an explicit clock (milliseconds): no sleeps.
final class TokenBucketTests: XCTestCase {
    private let rate = TokenBucket.Rate(perSecond: 10, burst: 3)

    func testAFullBucketGrantsItsBurstThenSaysHowLongToWait() {
        var bucket = TokenBucket(rate: rate, now: 1_000)
        XCTAssertNil(bucket.take(rate: rate, now: 1_000))
        XCTAssertNil(bucket.take(rate: rate, now: 1_000))
        XCTAssertNil(bucket.take(rate: rate, now: 1_000))
        // 10 a second: the next token is 100 ms away.
        XCTAssertEqual(bucket.take(rate: rate, now: 1_000), 100)
        XCTAssertEqual(bucket.take(rate: rate, now: 1_040), 60)
        XCTAssertNil(bucket.take(rate: rate, now: 1_100))
        XCTAssertEqual(bucket.take(rate: rate, now: 1_100), 100)
    }

    func testRefillStopsAtTheBurst() {
        var bucket = TokenBucket(rate: rate, now: 0)
        for _ in 0..<3 { XCTAssertNil(bucket.take(rate: rate, now: 0)) }
        XCTAssertFalse(bucket.isFull(rate: rate, now: 200))
        XCTAssertTrue(bucket.isFull(rate: rate, now: 300))
        // An hour idle still gives only the burst.
        for _ in 0..<3 { XCTAssertNil(bucket.take(rate: rate, now: 3_600_000)) }
        XCTAssertNotNil(bucket.take(rate: rate, now: 3_600_000))
    }

    func testAClockThatGoesBackRefillsNothing() {
        var bucket = TokenBucket(rate: rate, now: 5_000)
        for _ in 0..<3 { XCTAssertNil(bucket.take(rate: rate, now: 5_000)) }
        XCTAssertEqual(bucket.take(rate: rate, now: 4_000), 100)
    }

    func testExtremeRatesSaturateInsteadOfWrapping() {
        let huge = TokenBucket.Rate(perSecond: .max, burst: .max)
        var bucket = TokenBucket(rate: huge, now: 0)
        XCTAssertNil(bucket.take(rate: huge, now: .max))
        XCTAssertEqual(TokenBucket.Rate(perSecond: 10, burst: 3).scaled(by: .max), TokenBucket.Rate(perSecond: .max, burst: .max))
        let slow = TokenBucket.Rate(perSecond: 1, burst: 1)
        var single = TokenBucket(rate: slow, now: 0)
        XCTAssertNil(single.take(rate: slow, now: 0))
        XCTAssertEqual(single.take(rate: slow, now: 0), 1_000)
    }
}
