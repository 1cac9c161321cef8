import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The canonical bytes of the staking payloads, records, events and the extended totals and parameters, written out
/// by hand from PROTOCOL.md's layout tables, and the decoder's refusals.
final class StakingCodecTests: XCTestCase {
    static let alice = TestKeys.key("alice")
    static let carol = TestKeys.address("carol")
    static let attestation = Hash32.digest(Array("attestation".utf8))

    func be<T: FixedWidthInteger>(_ value: T) -> Bytes { withUnsafeBytes(of: value.bigEndian, Array.init) }

    static func transaction(_ payload: Payload) -> Transaction {
        Transaction(chainId: "proofmint-test", sender: alice.publicKey, nonce: 3, fee: 1_000, expiry: nil, payload: payload)
    }

    /// The bytes before the payload: version, chain id, sender, nonce 3, fee 1000, no expiry.
    var prefix: Bytes {
        [1] + be(UInt32(14)) + Array("proofmint-test".utf8) + Self.alice.publicKey.bytes + be(UInt64(3)) + be(UInt128(1_000)) + [0]
    }

    static var header: BlockHeader {
        BlockHeader(
            chainId: "proofmint-test", height: 9, parentHash: Hash32.digest([1]), timestamp: 1_767_225_609_000,
            transactionRoot: .zero, receiptRoot: .zero, stateRoot: Hash32.digest([2]), transactionCount: 0,
            producer: TestKeys.key("validator-a").publicKey.bytes, beacon: BlockHeader.genesisBeacon)
    }

    static var evidence: DoubleSignEvidence {
        var second = header
        second.stateRoot = Hash32.digest([3])
        let key = TestKeys.key("validator-a")
        return DoubleSignEvidence(
            first: SignedHeader(header: header, signature: key.signature(for: header.signingMessage)),
            second: SignedHeader(header: second, signature: key.signature(for: second.signingMessage)))
    }

    static let stake = Stake(amount: 150 * Tokens.one + 1, lockEpochs: 12, lockedUntil: 733, tier: .cpuTEE, attestation: attestation, reputation: 640, jailed: true, jailedAt: 700)

    static var events: [Event] {
        let p = TestKeys.address("provider")
        return [
            .staked(provider: p, added: 5, total: 100 * Tokens.one, tier: 4, lockedUntil: UInt64.max),
            .unstaked(provider: p, amount: 999, burned: 1, matureAt: 25),
            .withdrawn(provider: p, amount: UInt128.max),
            .slashed(provider: p, reason: 4, bps: 10_000, fromStake: 7, fromUnbonding: 8),
            .jailed(provider: p),
        ]
    }

    // MARK: - Layouts

    func testStakePayloadLayout() {
        let tx = Self.transaction(.stake(StakeRequest(amount: 100 * Tokens.one, lockEpochs: 52, tier: .gpuTEE, attestation: Self.attestation)))
        XCTAssertEqual(tx.canonicalBytes, prefix + [2] + be(100 * Tokens.one) + be(UInt32(52)) + [3] + [1] + Self.attestation.bytes)
        let open = Self.transaction(.stake(StakeRequest(amount: 0, lockEpochs: 0, tier: .open, attestation: nil)))
        XCTAssertEqual(open.canonicalBytes, prefix + [2] + Bytes(repeating: 0, count: 16) + [0, 0, 0, 0] + [0] + [0])
        XCTAssertEqual(open.canonicalBytes.count, 76 + 23, "a tier-0 stake body is 23 bytes with its tag; an attestation adds 32")
    }

    func testUnstakeWithdrawAndEvidenceLayouts() {
        XCTAssertEqual(Self.transaction(.unstake(UnstakeRequest(amount: 258))).canonicalBytes, prefix + [3] + be(UInt128(258)))
        XCTAssertEqual(Self.transaction(.withdraw).canonicalBytes, prefix + [4])
        let evidence = Self.evidence
        let expected = prefix + [5] + evidence.first.header.canonicalBytes + evidence.first.signature
            + evidence.second.header.canonicalBytes + evidence.second.signature
        XCTAssertEqual(Self.transaction(.evidence(evidence)).canonicalBytes, expected)
        XCTAssertEqual(evidence.first.header.canonicalBytes.count, 265 + 14)
        XCTAssertEqual(Self.transaction(.evidence(evidence)).canonicalBytes.count, prefix.count + 1 + 2 * (279 + 64))
    }

    func testStakeRecordLayout() {
        let expected: Bytes = [3] + be(150 * Tokens.one + 1) + be(UInt32(12)) + be(UInt64(733)) + [2] + [1] + Self.attestation.bytes
            + be(UInt16(640)) + [1] + be(UInt64(700))
        XCTAssertEqual(Self.stake.canonicalBytes, expected)
        XCTAssertEqual(expected.count, 74)
        var open = Self.stake
        open.tier = .open
        open.proof = .none
        open.jailed = false
        open.jailedAt = 0
        XCTAssertEqual(open.canonicalBytes.count, 42)
        XCTAssertEqual(open.canonicalBytes.suffix(12), [0] + be(UInt16(640)) + [0] + be(UInt64(0)))
    }

    func testUnbondingQueueLayout() {
        let queue = UnbondingQueue(entries: [.init(amount: 1, matureAt: 2), .init(amount: UInt128.max, matureAt: UInt64.max)])
        XCTAssertEqual(queue.canonicalBytes, [1, 0, 2] + be(UInt128(1)) + be(UInt64(2)) + be(UInt128.max) + be(UInt64.max))
        XCTAssertEqual(UnbondingQueue(entries: []).canonicalBytes, [1, 0, 0])
    }

    func testEventLayouts() {
        let p = TestKeys.address("provider").bytes
        let expected: [Bytes] = [
            [3] + p + be(UInt128(5)) + be(100 * Tokens.one) + [4] + be(UInt64.max),
            [4] + p + be(UInt128(999)) + be(UInt128(1)) + be(UInt64(25)),
            [5] + p + be(UInt128.max),
            [6] + p + [4] + be(UInt16(10_000)) + be(UInt128(7)) + be(UInt128(8)),
            [7] + p,
        ]
        XCTAssertEqual(Self.events.map(\.canonicalBytes), expected)
        XCTAssertEqual(expected.map(\.count), [62, 61, 37, 56, 21])
    }

    func testTotalsAndParametersLayouts() {
        let totals = ChainTotals(issued: 1, burned: 2, feesPaid: 3, staked: 4, unbonding: 5, minted: 6)
        XCTAssertEqual(totals.canonicalBytes, [1] + (1...6).flatMap { be(UInt128($0)) })
        var expected: Bytes = [3] + be(Tokens.one / 1000) + be(UInt32(4096)) + be(UInt32(10_000)) + be(UInt32(8 << 20))
        expected += be(UInt16(4000)) + be(UInt16(3000)) + be(UInt16(2000)) + be(UInt16(1000))
        expected += be(UInt64(60))                                               // epoch_length
        expected += be(100 * Tokens.one) + be(UInt64(20)) + be(UInt16(10)) + be(UInt32(520))
        expected += [4] + be(UInt32(0)) + be(UInt16(10_000)) + be(UInt32(4)) + be(UInt16(11_000))
            + be(UInt32(12)) + be(UInt16(12_500)) + be(UInt32(52)) + be(UInt16(15_000))
        expected += [5] + [10_000, 12_000, 15_000, 18_000, 20_000].flatMap { be(UInt16($0)) }
        expected += be(UInt16(16)) + be(UInt16(100)) + be(UInt16(500)) + be(UInt16(1000)) + be(UInt16(10_000))
        expected += be(UInt64(8640)) + be(10 * Tokens.one)                        // jail period, unjail fee (version 2)
        // compute: u64 blocks per year, u128 initial emission, u64 halving years, u128 terminal emission, u128 mining cap,
        // u16 protocol fee, u16 quality min, u16 quality max, u64 proof window, u128 min unit price, u16 reputation per proof.
        expected += be(UInt64(31_536_000)) + be(100_000_000 * Tokens.one) + be(UInt64(4)) + be(6_250_000 * Tokens.one)
        expected += be(300_000_000 * Tokens.one) + be(UInt16(30)) + be(UInt16(8000)) + be(UInt16(15_000)) + be(UInt64(1))
        expected += be(Tokens.one / 1_000_000) + be(UInt16(1))
        // compute verification (version 3): sample bps, sample value, sample delay, validation window, max reassignments,
        // validation fee, validation reward, missed slash, false-pass slash, validator min stake, max validators,
        // unverified quality max, challenge window, challenge bond, resolution window, quorum, challenger reward, reward cap,
        // settlement batch.
        expected += be(UInt16(1000)) + be(100 * Tokens.one) + be(UInt64(1)) + be(UInt64(20)) + [2] + be(UInt16(50))
        expected += be(Tokens.one / 2) + be(UInt16(100)) + be(UInt16(1000)) + be(100 * Tokens.one) + be(UInt32(100)) + [50]
        expected += be(UInt64(60)) + be(10 * Tokens.one) + be(UInt64(20)) + be(UInt16(3340)) + be(UInt16(5000)) + be(UInt16(5000))
        expected += be(UInt32(1000))
        // governance: u128 min deposit, u128 min proposer power, u128 voter min stake, u64 block time, u8 count +
        // (u16 quorum, u32 days) per kind, u16 pass threshold, u64 timelock, u16 max change, u32 max active, u64 change window.
        expected += be(100 * Tokens.one) + be(UInt128(20_000_000_000)) + be(100 * Tokens.one) + be(UInt64(1000)) + [5]
        for (quorum, days) in [(5100, 3), (6000, 7), (7500, 14), (6000, 7), (5100, 3)] as [(UInt16, UInt32)] { expected += be(quorum) + be(days) }
        expected += be(UInt16(5000)) + be(UInt64(86_400)) + be(UInt16(2000)) + be(UInt32(100)) + be(UInt64(7_776_000))
        expected += be(UInt16(1000))                                               // max spend bps (version 2)
        XCTAssertEqual(Parameters.defaults.canonicalBytes, expected)
        XCTAssertEqual(expected.count, 121 + 24 + 96 + 103 + 8 + 2 + 120)
    }

    // MARK: - Round trips and refusals

    func assertRoundTrip<T: CanonicalCodable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        let bytes = value.canonicalBytes
        XCTAssertEqual(try T(canonical: bytes), value, file: file, line: line)
        XCTAssertEqual(try T(canonical: bytes).canonicalBytes, bytes, file: file, line: line)
    }

    func assertRefuses<T: CanonicalDecodable>(_ type: T.Type, _ bytes: Bytes, _ expected: CodecError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try T(canonical: bytes), file: file, line: line) { XCTAssertEqual($0 as? CodecError, expected, file: file, line: line) }
    }

    var payloads: [Payload] {
        [
            .stake(StakeRequest(amount: UInt128.max, lockEpochs: UInt32.max, tier: .teeIO, attestation: Self.attestation)),
            .stake(StakeRequest(amount: 0, lockEpochs: 0, tier: .open, attestation: nil)),
            .unstake(UnstakeRequest(amount: 1)), .withdraw, .evidence(Self.evidence),
        ]
    }

    func testRoundTrips() {
        for payload in payloads {
            assertRoundTrip(payload)
            assertRoundTrip(Self.transaction(payload))
            assertRoundTrip(Self.transaction(payload).signed(by: Self.alice))
        }
        for event in Self.events { assertRoundTrip(event) }
        assertRoundTrip(Receipt(transactionId: .zero, code: 126, feeCharged: 1, events: Self.events))
        assertRoundTrip(Self.stake)
        assertRoundTrip(Stake(amount: 0, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false))
        assertRoundTrip(UnbondingQueue(entries: (0..<256).map { .init(amount: UInt128($0), matureAt: UInt64($0)) }))
        assertRoundTrip(UnbondingQueue(entries: []))
        assertRoundTrip(Self.evidence)
        var parameters = Parameters.defaults
        parameters.epochLength = UInt64.max
        parameters.staking.lockSteps = (0..<8).map { .init(minEpochs: UInt32($0), multiplierBps: UInt16(10_000 + $0)) }
        parameters.staking.tierMultipliersBps = []
        assertRoundTrip(parameters)
    }

    func testEveryTruncationIsRefused() {
        var encodings: [(String, Bytes, (Bytes) throws -> Void)] = payloads.map { payload in
            ("\(payload.kind.name) transaction", Self.transaction(payload).signed(by: Self.alice).canonicalBytes, { _ = try SignedTransaction(canonical: $0) })
        }
        encodings += [
            ("stake", Self.stake.canonicalBytes, { _ = try Stake(canonical: $0) }),
            ("unbonding", UnbondingQueue(entries: [.init(amount: 1, matureAt: 2)]).canonicalBytes, { _ = try UnbondingQueue(canonical: $0) }),
            ("totals", ChainTotals(issued: 1, burned: 2, feesPaid: 3, staked: 4, unbonding: 5).canonicalBytes, { _ = try ChainTotals(canonical: $0) }),
            ("parameters", Parameters.defaults.canonicalBytes, { _ = try Parameters(canonical: $0) }),
            ("receipt", Receipt(transactionId: .zero, code: 0, feeCharged: 1, events: Self.events).canonicalBytes, { _ = try Receipt(canonical: $0) }),
        ]
        for (name, bytes, decode) in encodings {
            XCTAssertNoThrow(try decode(bytes), name)
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try decode(Array(bytes.prefix(length))), "\(name) truncated to \(length)") { error in
                    guard case .unexpectedEnd? = error as? CodecError else { return XCTFail("\(name) truncated to \(length): \(error)") }
                }
            }
        }
    }

    func testUnknownTierVersionsAndBounds() {
        // A tier byte above 4, in a stake payload and in a stake record.
        var tx = Self.transaction(.stake(StakeRequest(amount: 1, lockEpochs: 2, tier: .open, attestation: nil))).canonicalBytes
        let tierOffset = prefix.count + 1 + 16 + 4
        XCTAssertEqual(tx[tierOffset], 0)
        tx[tierOffset] = 5
        assertRefuses(Transaction.self, tx, .unknownTag(type: "privacy tier", tag: 5, offset: tierOffset))
        var record = Self.stake.canonicalBytes
        XCTAssertEqual(record[29], 2)
        record[29] = 0xff
        assertRefuses(Stake.self, record, .unknownTag(type: "privacy tier", tag: 0xff, offset: 29))
        // Reputation above 1000.
        var reputation = Self.stake
        reputation.reputation = 1000
        var bytes = reputation.canonicalBytes
        bytes.replaceSubrange(63..<65, with: be(UInt16(1001)))
        assertRefuses(Stake.self, bytes, .invalidValue(field: "reputation", reason: "1001 > 1000"))
        // jailed must be a bool.
        bytes = Self.stake.canonicalBytes
        bytes[65] = 2
        assertRefuses(Stake.self, bytes, .invalidBool(byte: 2, offset: 65))
        // Versions.
        for version: UInt8 in [0, 1, 2, 4] {
            var stake = Self.stake.canonicalBytes
            stake[0] = version
            assertRefuses(Stake.self, stake, .unsupportedVersion(type: "stake", version: version))
        }
        for version: UInt8 in [0, 2] {
            var queue = UnbondingQueue(entries: []).canonicalBytes
            queue[0] = version
            assertRefuses(UnbondingQueue.self, queue, .unsupportedVersion(type: "unbonding queue", version: version))
        }
        // Counts.
        assertRefuses(UnbondingQueue.self, [1, 1, 1], .lengthTooLarge(field: "unbonding entries", length: 257, max: 256))
        var parameters = Parameters.defaults.canonicalBytes
        let stepsOffset = 45 + 16 + 8 + 2 + 4
        XCTAssertEqual(parameters[stepsOffset], 4)
        parameters[stepsOffset] = 9
        assertRefuses(Parameters.self, parameters, .lengthTooLarge(field: "lock steps", length: 9, max: 8))
        parameters = Parameters.defaults.canonicalBytes
        XCTAssertEqual(parameters[stepsOffset + 1 + 24], 5)
        parameters[stepsOffset + 1 + 24] = 9
        assertRefuses(Parameters.self, parameters, .lengthTooLarge(field: "tier multipliers", length: 9, max: 8))
        // Evidence signatures are exactly 64 bytes: one byte short leaves the decoder short.
        let evidence = Self.transaction(.evidence(Self.evidence)).canonicalBytes
        XCTAssertThrowsError(try Transaction(canonical: Array(evidence.dropLast()))) { error in
            guard case .unexpectedEnd? = error as? CodecError else { return XCTFail("\(error)") }
        }
    }

    /// Property: accepted mutations of staking encodings are canonical (no two byte strings decode to one value).
    func testAcceptedBytesAreCanonical() {
        var rng = SplitMix64(seed: 0x57a6e)
        let samples: [(String, Bytes, (Bytes) throws -> Bytes)] = [
            ("stake tx", Self.transaction(payloads[0]).canonicalBytes, { try Transaction(canonical: $0).canonicalBytes }),
            ("evidence tx", Self.transaction(payloads[4]).canonicalBytes, { try Transaction(canonical: $0).canonicalBytes }),
            ("stake", Self.stake.canonicalBytes, { try Stake(canonical: $0).canonicalBytes }),
            ("unbonding", UnbondingQueue(entries: [.init(amount: 5, matureAt: 6), .init(amount: 7, matureAt: 8)]).canonicalBytes,
             { try UnbondingQueue(canonical: $0).canonicalBytes }),
            ("receipt", Receipt(transactionId: .zero, code: 0, feeCharged: 1, events: Self.events).canonicalBytes, { try Receipt(canonical: $0).canonicalBytes }),
        ]
        var accepted = 0
        for (name, valid, roundTrip) in samples {
            for _ in 0..<400 {
                var mutated = valid
                switch rng.below(3) {
                case 0: mutated[rng.int(0..<mutated.count)] = UInt8(truncatingIfNeeded: rng.next())
                case 1: mutated.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.int(0...mutated.count))
                default: mutated.remove(at: rng.int(0..<mutated.count))
                }
                if let again = try? roundTrip(mutated) {
                    accepted += 1
                    XCTAssertEqual(again, mutated, "\(name): accepted non-canonical bytes")
                }
            }
        }
        XCTAssertGreaterThan(accepted, 100)
    }
}
