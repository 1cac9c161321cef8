@testable import ProofmintCore
import ProofmintTestSupport
import XCTest

/// The attestor registry and attestations for privacy tiers 2–4 (PROTOCOL.md §9.10, protocol version 3): each refusal
/// of `stake` with its exact error, the tier that counts (`effectiveTierBps`), `report_attestation`, and governance's
/// `attestor` proposals.
final class AttestationTests: StakingTestCase {
    static let AI = Tokens.one
    let alice = TestKeys.key("alice"), bob = TestKeys.key("bob"), carol = TestKeys.key("carol")
    var chain: TestChain!
    var attestor: Ed25519.PublicKey { TestKeys.key(TestChain.attestorName).publicKey }

    /// The default test attestor (max tier 4) and a second one, `limited-attestor`, allowed up to tier 2; short votes.
    override func setUpWithError() throws {
        chain = try TestChain(
            users: [("alice", 100_000 * Self.AI), ("bob", 10_000 * Self.AI), ("carol", 10_000 * Self.AI)],
            parameters: #"{"governance": {"block_time_ms": 86400000, "timelock_blocks": 2}}"#,
            attestors: [(TestChain.attestorName, 4), ("limited-attestor", 2)])
    }

    func stake(_ key: Ed25519.PrivateKey, amount: Amount = 1_000 * AI, tier: PrivacyTier, _ signed: SignedAttestation) -> SignedTransaction {
        chain.stake(from: key, amount: amount, tier: tier, claim: .signed(signed))
    }

    func attest(_ key: Ed25519.PrivateKey, tier: PrivacyTier, expiresAt: UInt64 = .max, signer: String = TestChain.attestorName) -> SignedAttestation {
        chain.attest(provider: address(key), tier: tier, measurement: Hash32.digest([tier.rawValue]), expiresAt: expiresAt, signer: signer)
    }

    // MARK: - stake

    func testAValidAttestationIsStoredWithWhatTheChainKeepsJudging() throws {
        let signed = attest(alice, tier: .gpuTEE, expiresAt: 500)
        try assertSucceeds(stake(alice, tier: .gpuTEE, signed), on: chain)
        let record = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(record.tier, .gpuTEE)
        XCTAssertEqual(record.proof, .attested(.init(attestor: attestor, measurement: Hash32.digest([3]), expiresAt: 500, attestedAt: 1)))
        XCTAssertEqual(try effectiveBps(record), 18_000, "gpu-tee counts 1.8x while its attestation holds")
    }

    func testEveryRefusalOfAnAttestationNamesItsRule() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 1_000 * Self.AI), on: chain)
        let h = chain.nextHeight
        // A bare hash (the v2 rule) no longer buys tiers 2–4; tier 1 keeps it.
        try assertExecutionFails(
            chain.stake(from: alice, amount: 0, tier: .teeIO, claim: .hash(Hash32.digest([1]))), .signedAttestationRequired(tier: 4), on: chain)
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .atRest, attest(alice, tier: .atRest)), .attestationTierMismatch(requested: 1, attested: nil), on: chain)
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .teeIO, attest(alice, tier: .cpuTEE)), .attestationTierMismatch(requested: 4, attested: 2), on: chain)
        let otherChain = chain.attest(provider: address(alice), tier: .cpuTEE, chainId: "proofmint-other")
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .cpuTEE, otherChain), .attestationWrongChain(expected: chain.chainId, actual: "proofmint-other"), on: chain)
        // Bound to the provider: bob cannot stake with alice's attestation.
        try assertExecutionFails(
            stake(bob, tier: .cpuTEE, attest(alice, tier: .cpuTEE)),
            .attestationWrongProvider(provider: address(alice), sender: address(bob)), on: chain)
        // Expired: valid through expires_at, refused after.
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .cpuTEE, attest(alice, tier: .cpuTEE, expiresAt: chain.nextHeight - 1)),
            .attestationExpired(expiresAt: chain.nextHeight - 1, height: chain.nextHeight), on: chain)
        // Unknown attestor: a key of one's own is not a TEE vendor.
        let selfMade = attest(alice, tier: .teeIO, signer: "alice")
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .teeIO, selfMade), .attestorUnknown(key: TestKeys.key("alice").publicKey.bytes.hex), on: chain)
        // Above the attestor's max tier.
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .gpuTEE, attest(alice, tier: .gpuTEE, signer: "limited-attestor")),
            .attestationTierAboveMax(tier: 3, maxTier: 2), on: chain)
        // Forged: names the registered attestor but is signed by another key.
        let forged = chain.attest(provider: address(alice), tier: .teeIO, signer: "alice", attestor: TestChain.attestorName)
        try assertExecutionFails(stake(alice, amount: 0, tier: .teeIO, forged), .attestationBadSignature, on: chain)
        // A valid signature over other bytes (an edited expiry) is a forgery too.
        var edited = attest(alice, tier: .teeIO, expiresAt: 100)
        edited.attestation.expiresAt = .max
        try assertExecutionFails(stake(alice, amount: 0, tier: .teeIO, edited), .attestationBadSignature, on: chain)
        XCTAssertGreaterThan(chain.nextHeight, h)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.tier, .open, "no refused claim raised the tier")
    }

    func testAZeroAmountRestakeCannotRaiseTheTierWithoutAValidAttestation() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 1_000 * Self.AI), on: chain)
        // protocol 2 let exactly this through: 0 AI, tier 4, any 32 bytes.
        try assertExecutionFails(
            chain.stake(from: alice, amount: 0, tier: .teeIO, claim: .hash(Hash32.digest(Array("self-made".utf8)))),
            .signedAttestationRequired(tier: 4), on: chain)
        try assertExecutionFails(
            stake(alice, amount: 0, tier: .teeIO, attest(alice, tier: .teeIO, signer: "alice")),
            .attestorUnknown(key: TestKeys.key("alice").publicKey.bytes.hex), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.tier, .open)
        // With a registered attestor's signature the same zero-amount restake is allowed.
        try assertSucceeds(stake(alice, amount: 0, tier: .teeIO, attest(alice, tier: .teeIO)), on: chain)
        XCTAssertEqual(chain.stakeRecord(address(alice))?.tier, .teeIO)
    }

    // MARK: - effective tier

    func testTheTierCountsOnlyWhileTheAttestationHolds() throws {
        try assertSucceeds(stake(alice, tier: .teeIO, attest(alice, tier: .teeIO, expiresAt: 4)), on: chain)
        let record = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(try effectiveBps(record, height: 4), 20_000, "counts through expires_at")
        XCTAssertEqual(try effectiveBps(record, height: 5), 10_000, "expired: open")
        XCTAssertEqual(
            StakingPower.of(record, parameters: chain.parameters.staking, height: 5, effectiveTier: .open), 1_000 * Self.AI,
            "staking power falls to 1.0x with it")
        // Tier 1 keeps its bare hash and its multiplier; tier 0 is 1.0x.
        try assertSucceeds(chain.stake(from: bob, amount: 100 * Self.AI, tier: .atRest, attestation: Hash32.digest([1])), on: chain)
        XCTAssertEqual(try effectiveBps(try XCTUnwrap(chain.stakeRecord(address(bob)))), 12_000)
    }

    func testProofOfComputeWeighsWithTheEffectiveTier() throws {
        try assertSucceeds(stake(alice, tier: .teeIO, attest(alice, tier: .teeIO, expiresAt: 2)), on: chain)
        let first = chain.receipt(consumer: bob, provider: address(alice), units: 100)
        let accepted = try assertSucceeds(chain.submitProof(from: alice, first), on: chain)
        XCTAssertEqual(tierBps(accepted), 20_000, "height 2 ≤ expires_at: 2.0x")
        let second = chain.receipt(consumer: bob, provider: address(alice), units: 100)
        let late = try assertSucceeds(chain.submitProof(from: alice, second), on: chain)
        XCTAssertEqual(tierBps(late), 10_000, "height 3: expired, counts as open")
    }

    // MARK: - report_attestation

    func testAReportAfterRevocationSlashesTenPercentAndDropsTheTier() throws {
        try assertSucceeds(stake(alice, amount: 2_000 * Self.AI, tier: .gpuTEE, attest(alice, tier: .gpuTEE)), on: chain)
        try assertSucceeds(chain.stake(from: bob, amount: 200 * Self.AI), on: chain)
        try assertSucceeds(chain.stake(from: carol, amount: 200 * Self.AI), on: chain)
        // Nothing to report while the attestor is trusted.
        try assertExecutionFails(
            chain.reportAttestation(from: bob, provider: address(alice)),
            .nothingToReport(provider: address(alice), reason: "its attestor \(attestor.bytes.hex) has not been revoked"), on: chain)
        try pass(.attestor(publicKey: attestor, name: TestChain.attestorName, maxTier: .teeIO, action: .revoke))
        let revoked = try XCTUnwrap(chain.store.record(AttestorRecord.self, at: .attestor(attestor)))
        XCTAssertNotNil(revoked.revokedAt)
        let held = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(try effectiveBps(held), 10_000, "a revoked attestor's tiers count as open at once")
        // A new stake with its attestations is refused.
        try assertExecutionFails(
            stake(bob, amount: 0, tier: .cpuTEE, attest(bob, tier: .cpuTEE)),
            .attestorRevoked(key: attestor.bytes.hex, revokedAt: try XCTUnwrap(revoked.revokedAt)), on: chain)

        let burnedBefore = chain.totals().burned
        let receipt = try assertSucceeds(chain.reportAttestation(from: carol, provider: address(alice)), on: chain)
        let cut = 200 * Self.AI  // 10% (staking.slash_attestation_bps) of 2,000 AI
        XCTAssertEqual(receipt.events.dropFirst().first, .slashed(provider: address(alice), reason: 2, bps: 1000, fromStake: cut, fromUnbonding: 0))
        XCTAssertEqual(receipt.events.last, .attestationReported(provider: address(alice), reporter: address(carol), attestor: attestor))
        let after = try XCTUnwrap(chain.stakeRecord(address(alice)))
        XCTAssertEqual(after.amount, 1_800 * Self.AI)
        XCTAssertEqual(after.tier, .open)
        XCTAssertEqual(after.proof, .none)
        XCTAssertFalse(after.jailed, "an attestation failure does not jail")
        XCTAssertEqual(chain.totals().burned - burnedBefore, cut + chain.parameters.minFee * 4 / 10)
        // Reported once: the second report finds nothing.
        try assertExecutionFails(
            chain.reportAttestation(from: carol, provider: address(alice)),
            .nothingToReport(provider: address(alice), reason: "its stake carries no tier 2–4 attestation (tier open)"), on: chain)
    }

    func testAReportIsRefusedWhenThereIsNothingToReport() throws {
        try assertExecutionFails(
            chain.reportAttestation(from: bob, provider: address(alice)), .nothingToReport(provider: address(alice), reason: "it has no stake"),
            on: chain)
        try assertSucceeds(chain.stake(from: alice, amount: 100 * Self.AI, tier: .atRest, attestation: Hash32.digest([1])), on: chain)
        try assertExecutionFails(
            chain.reportAttestation(from: bob, provider: address(alice)),
            .nothingToReport(provider: address(alice), reason: "its stake carries no tier 2–4 attestation (tier at-rest)"), on: chain)
    }

    // MARK: - governance

    func testGovernanceAddsUpdatesAndRevokesAttestors() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 200 * Self.AI), on: chain)
        try assertSucceeds(chain.stake(from: bob, amount: 200 * Self.AI), on: chain)
        try assertSucceeds(chain.stake(from: carol, amount: 200 * Self.AI), on: chain)
        let vendor = TestKeys.key("new-vendor").publicKey
        // Before it is added its attestations are refused.
        try assertExecutionFails(
            stake(bob, amount: 0, tier: .cpuTEE, attest(bob, tier: .cpuTEE, signer: "new-vendor")),
            .attestorUnknown(key: vendor.bytes.hex), on: chain)
        let added = try pass(.attestor(publicKey: vendor, name: "new-vendor", maxTier: .cpuTEE, action: .add))
        XCTAssertEqual(try chain.store.record(AttestorRecord.self, at: .attestor(vendor)), AttestorRecord(name: "new-vendor", maxTier: .cpuTEE, addedAt: added))
        try assertSucceeds(stake(bob, amount: 0, tier: .cpuTEE, attest(bob, tier: .cpuTEE, signer: "new-vendor")), on: chain)
        // add of a trusted key updates it (here its max tier), keeping added_at.
        try pass(.attestor(publicKey: vendor, name: "new-vendor", maxTier: .teeIO, action: .add))
        XCTAssertEqual(try chain.store.record(AttestorRecord.self, at: .attestor(vendor))?.maxTier, .teeIO)
        XCTAssertEqual(try chain.store.record(AttestorRecord.self, at: .attestor(vendor))?.addedAt, added)
        let revokedAt = try pass(.attestor(publicKey: vendor, name: "new-vendor", maxTier: .teeIO, action: .revoke))
        XCTAssertEqual(try chain.store.record(AttestorRecord.self, at: .attestor(vendor))?.revokedAt, revokedAt)
        // A revoked key is never trusted again; revoking an unknown key is refused. Both when proposed.
        try assertExecutionFails(
            chain.propose(from: alice, .attestor(publicKey: vendor, name: "again", maxTier: .teeIO, action: .add)),
            .attestorRevoked(key: vendor.bytes.hex, revokedAt: revokedAt), on: chain)
        let stranger = TestKeys.key("stranger").publicKey
        try assertExecutionFails(
            chain.propose(from: alice, .attestor(publicKey: stranger, name: "x", maxTier: .teeIO, action: .revoke)),
            .attestorUnknown(key: stranger.bytes.hex), on: chain)
        // Malformed content is inadmissible.
        try assertInadmissible(
            chain.propose(from: alice, .attestor(publicKey: stranger, name: "x", maxTier: .atRest, action: .add)),
            .invalidProposal(reason: "an attestor's max_tier is 2–4 (cpu-tee, gpu-tee, tee-io): tiers 0 and 1 need no attestor"), on: chain)
        try assertInadmissible(
            chain.propose(from: alice, .attestor(publicKey: stranger, name: "", maxTier: .teeIO, action: .add)),
            .invalidProposal(reason: "an attestor needs a name (1–64 bytes)"), on: chain)
        XCTAssertEqual(chain.parameters.governance.rule(.attestor), chain.parameters.governance.rule(.slash))
    }

    func testARevocationPassedAfterTheProposalBecomesImpossibleFailsItsExecution() throws {
        try assertSucceeds(chain.stake(from: alice, amount: 200 * Self.AI), on: chain)
        let content = ProposalContent.attestor(publicKey: attestor, name: "x", maxTier: .teeIO, action: .revoke)
        let first = chain.governanceState().nextProposalId
        try assertSucceeds(chain.propose(from: alice, content), on: chain)
        try assertSucceeds(chain.propose(from: alice, content), on: chain)
        try assertSucceeds(chain.vote(from: alice, proposal: first, .yes), on: chain)
        try assertSucceeds(chain.vote(from: alice, proposal: first + 1, .yes), on: chain)
        let end = try XCTUnwrap(chain.proposal(first + 1)?.votingEndHeight)
        try chain.advance(to: end)
        try chain.advance(to: try XCTUnwrap(chain.proposal(first + 1)?.executeHeight))
        XCTAssertEqual(chain.proposal(first)?.status, .executed)
        XCTAssertEqual(chain.proposal(first + 1)?.status, .executionFailed)
        XCTAssertEqual(chain.proposal(first + 1)?.failureCode, TransactionErrorCode.attestorRevoked.rawValue)
    }

    // MARK: - encodings

    func testEncodings() throws {
        let signed = attest(alice, tier: .teeIO, expiresAt: 9)
        XCTAssertEqual(try SignedAttestation(canonical: signed.canonicalBytes), signed)
        XCTAssertEqual(signed.attestation.canonicalBytes.count, 1 + 32 + 4 + chain.chainId.utf8.count + 20 + 1 + 32 + 8)
        XCTAssertEqual(signed.attestation.signingMessage.prefix(25), Array("proofmint/attestation/v1".utf8) + [0])
        let record = AttestorRecord(name: "v", maxTier: .gpuTEE, addedAt: 7, revokedAt: 9)
        XCTAssertEqual(record.canonicalBytes, [1, 0, 0, 0, 1, 0x76, 3] + [0, 0, 0, 0, 0, 0, 0, 7] + [1, 0, 0, 0, 0, 0, 0, 0, 9])
        XCTAssertEqual(try AttestorRecord(canonical: record.canonicalBytes), record)
        let proof = TierProof.attested(.init(attestor: attestor, measurement: .zero, expiresAt: 5, attestedAt: 6))
        let stake = Stake(amount: 1, lockEpochs: 0, lockedUntil: 0, tier: .teeIO, proof: proof, reputation: 0, jailed: false)
        XCTAssertEqual(stake.canonicalBytes.count, 42 + 80, "a stake with a checked attestation is 122 bytes")
        XCTAssertEqual(try Stake(canonical: stake.canonicalBytes), stake)
        // Tags 0 and 1 of a tier claim are protocol 2's optional<bytes32>; tag 3 is refused.
        XCTAssertEqual(TierClaim.hash(.zero).canonicalBytes, [1] + Hash32.zero.bytes)
        XCTAssertThrowsError(try TierClaim(canonical: [3]))
        let report = Payload.reportAttestation(AttestationReport(provider: address(alice)))
        XCTAssertEqual(report.canonicalBytes, [14] + address(alice).bytes)
        XCTAssertEqual(try Payload(canonical: report.canonicalBytes), report)
        let event = Event.attestationReported(provider: address(alice), reporter: address(bob), attestor: attestor)
        XCTAssertEqual(event.canonicalBytes.count, 1 + 20 + 20 + 32)
        XCTAssertEqual(try Event(canonical: event.canonicalBytes), event)
    }

    func testGenesisAttestorsAreWrittenAndCheckedWithTheirPath() throws {
        let record = try XCTUnwrap(chain.store.record(AttestorRecord.self, at: .attestor(attestor)))
        XCTAssertEqual(record, AttestorRecord(name: TestChain.attestorName, maxTier: .teeIO, addedAt: 0))
        func refused(_ attestors: String) -> String? {
            var json = TestChain.genesisJSON(chainId: "proofmint-test", genesisTime: "2026-01-01T00:00:00Z", validators: ["validator-a"], users: [])
            json = json.replacingOccurrences(of: "\n}\n", with: ",\n  \"attestors\": \(attestors)\n}\n")
            do {
                _ = try Genesis.parse(json: Array(json.utf8))
                return nil
            } catch { return "\(error)" }
        }
        let key = attestor.bytes.hex
        XCTAssertNil(refused(#"[{"name": "a", "public_key": "\#(key)", "max_tier": 4}]"#))
        XCTAssertEqual(refused(#"[{"name": "a", "public_key": "\#(key)", "max_tier": 1}]"#)?.hasPrefix("genesis.attestors[0].max_tier"), true)
        XCTAssertEqual(
            refused(#"[{"name": "a", "public_key": "\#(key)", "max_tier": 4}, {"name": "b", "public_key": "\#(key)", "max_tier": 2}]"#)?
                .hasPrefix("genesis.attestors[1].public_key"), true)
        XCTAssertEqual(refused(#"[{"name": "", "public_key": "\#(key)", "max_tier": 4}]"#)?.hasPrefix("genesis.attestors[0].name"), true)
        XCTAssertEqual(refused(#"[{"name": "a", "public_key": "00", "max_tier": 4}]"#)?.hasPrefix("genesis.attestors[0].public_key"), true)
    }

    // MARK: - helpers

    func effectiveBps(_ stake: Stake, height: UInt64? = nil) throws -> UInt16 {
        let context = BlockContext(
            chainId: chain.chainId, height: height ?? chain.nextHeight, timestamp: 0, parameters: chain.currentParameters(), beacon: .zero)
        return try AttestationModule.effectiveTierBps(stake: stake, context: context, state: StateOverlay(base: chain.store))
    }

    func tierBps(_ receipt: Receipt) -> UInt16? {
        for event in receipt.events { if case let .proofAccepted(_, _, _, _, _, _, tierBps, _, _, _, _) = event { return tierBps } }
        return nil
    }

    /// Proposes `content` from alice; alice, bob and carol vote yes (those with stake count); waits for the execution.
    @discardableResult
    func pass(_ content: ProposalContent) throws -> UInt64 {
        let id = chain.governanceState().nextProposalId
        try assertSucceeds(chain.propose(from: alice, content), on: chain)
        let votes = [alice, bob, carol].filter { (chain.stakeRecord(address($0))?.amount ?? 0) >= 100 * Self.AI }
        XCTAssertEqual(try chain.produce(votes.map { chain.vote(from: $0, proposal: id, .yes) }).outcome.receipts.map(\.code), votes.map { _ in 0 })
        try chain.advance(to: try XCTUnwrap(chain.proposal(id)?.votingEndHeight))
        let at = try XCTUnwrap(chain.proposal(id)?.executeHeight)
        try chain.advance(to: at)
        XCTAssertEqual(chain.proposal(id)?.status, .executed)
        return at
    }
}
