import Foundation
import ProofmintTestSupport
import XCTest
@testable import ProofmintWallet

/// The wallet's staking pieces: `tx stake` input rules, evidence files, the node's staking answers and how they print.
final class StakingWalletTests: XCTestCase {
    private static let attestation = String(repeating: "ab", count: 32)

    // MARK: - tx stake input

    func testStakeRequestsFromFlags() throws {
        let open = try StakingInput.stakeRequest(amount: "150AI", lockEpochs: 0, tier: 0, attestation: nil)
        XCTAssertEqual(open, StakeRequest(amount: 150 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))

        let atRest = try StakingInput.stakeRequest(amount: "1000AI", lockEpochs: 52, tier: 1, attestation: Self.attestation)
        XCTAssertEqual(atRest.tier, .atRest)
        XCTAssertEqual(atRest.lockEpochs, 52)
        XCTAssertEqual(atRest.claim, .hash(try XCTUnwrap(Hash32(hex: Self.attestation))))

        // Tiers 2–4 take the attestor-signed attestation (from an attestation file), for that tier and provider.
        let provider = try DevAccounts.address(index: 3)
        let signed = Attestation(
            attestor: try DevAttestor.key(index: 0).publicKey, chainId: "proofmint-devnet-1", provider: provider, tier: .gpuTEE,
            measurement: Hash32.digest([7]), expiresAt: 1000
        ).signed(by: try DevAttestor.key(index: 0))
        let tee = try StakingInput.stakeRequest(amount: "1000AI", lockEpochs: 0, tier: 3, attestation: nil, signed: signed, provider: provider)
        XCTAssertEqual(tee.claim, .signed(signed))
        XCTAssertThrowsError(try StakingInput.stakeRequest(amount: "1AI", lockEpochs: 0, tier: 4, attestation: nil, signed: signed)) {
            XCTAssertEqual($0 as? InputError, .attestationTierMismatch(requested: .teeIO, attested: .gpuTEE))
        }
        let other = try DevAccounts.address(index: 4)
        XCTAssertThrowsError(try StakingInput.stakeRequest(amount: "1AI", lockEpochs: 0, tier: 3, attestation: nil, signed: signed, provider: other)) {
            XCTAssertEqual($0 as? InputError, .attestationForAnotherProvider(provider: provider, sender: other))
        }
        // The file round-trips, and an edited one is refused.
        let file = AttestationFile(signed: signed)
        let text = Array(file.json.prettyText.utf8)
        XCTAssertEqual(try AttestationFile(parsing: text, path: "a.json").signed, signed)
        let edited = Array(file.json.prettyText.replacingOccurrences(of: "\"expires_at\": 1000", with: "\"expires_at\": 2000").utf8)
        XCTAssertThrowsError(try AttestationFile(parsing: edited, path: "a.json"))

        // Amount 0 only changes tier or lock of an existing stake: the wallet lets the chain judge it.
        XCTAssertEqual(try StakingInput.stakeRequest(amount: "0", lockEpochs: 4, tier: 1, attestation: Self.attestation).amount, 0)
        // A 0x prefix, capitals and surrounding whitespace are forgiven.
        XCTAssertEqual(try StakingInput.attestation(" 0x" + Self.attestation.uppercased() + "\n")?.hex, Self.attestation)
        XCTAssertNil(try StakingInput.attestation(nil))
    }

    func testStakeFlagsTheChainWouldCertainlyRefuse() {
        func refuses(tier: Int, attestation: String?, amount: String = "100AI", _ expected: InputError, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try StakingInput.stakeRequest(amount: amount, lockEpochs: 0, tier: tier, attestation: attestation), file: file, line: line) {
                XCTAssertEqual($0 as? InputError, expected, file: file, line: line)
            }
        }
        refuses(tier: 1, attestation: nil, .attestationRequired(tier: .atRest))
        for tier in 2...4 {
            refuses(tier: tier, attestation: Self.attestation, .signedAttestationRequired(tier: PrivacyTier(rawValue: UInt8(tier))!))
        }
        refuses(tier: 0, attestation: Self.attestation, .attestationUnexpected)
        refuses(tier: 5, attestation: Self.attestation, .invalidTier(5))
        refuses(tier: -1, attestation: nil, .invalidTier(-1))
        refuses(tier: 1, attestation: "abcd", .invalidAttestation("abcd"))
        refuses(tier: 1, attestation: String(repeating: "zz", count: 32), .invalidAttestation(String(repeating: "zz", count: 32)))
        refuses(tier: 0, attestation: nil, amount: "ten", .invalidAmount(field: "amount", text: "ten"))

        XCTAssertTrue("\(InputError.attestationRequired(tier: .cpuTEE))".contains("--attestation"))
        XCTAssertTrue("\(InputError.invalidTier(7))".contains("0 (open)"))
    }

    func testTransactionRequestSignsWhatATransferRequestSigns() throws {
        let key = try DevAccounts.key(index: 0)
        let transfer = TransferRequest(
            chainId: "proofmint-devnet-1", recipient: try DevAccounts.address(index: 1), amount: Tokens.one, memo: [1], nonce: 4, expiry: 9)
        XCTAssertEqual(transfer.signed(by: key), transfer.request.signed(by: key))
        let unstake = TransactionRequest(chainId: "proofmint-devnet-1", payload: .unstake(UnstakeRequest(amount: 5)), nonce: 2)
        let signed = unstake.signed(by: key)
        XCTAssertTrue(signed.hasValidSignature())
        XCTAssertEqual(signed.transaction.fee, WalletInput.defaultFee)
        XCTAssertEqual(signed.transaction.payload, .unstake(UnstakeRequest(amount: 5)))
        XCTAssertEqual(signed.transaction.senderAddress, try DevAccounts.address(index: 0))
    }

    // MARK: - Evidence files

    private static let producer = try! Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))

    private static func header(height: UInt64 = 12, timestamp: UInt64 = 1_000, chainId: String = "proofmint-devnet-1", producer: Ed25519.PrivateKey = producer) -> BlockHeader {
        BlockHeader(
            chainId: chainId, height: height, parentHash: Hash32.digest([1]), timestamp: timestamp, transactionRoot: Hash32.digest([2]),
            receiptRoot: Hash32.digest([3]), stateRoot: Hash32.digest([4]), transactionCount: 0, producer: producer.publicKey.bytes,
            beacon: BlockHeader.genesisBeacon)
    }

    private static func signed(_ header: BlockHeader, by key: Ed25519.PrivateKey = producer) -> SignedHeader {
        SignedHeader(header: header, signature: key.signature(for: header.signingMessage))
    }

    private func parse(_ evidence: DoubleSignEvidence) throws -> EvidenceFile {
        try EvidenceFile(parsing: Array(EvidenceFile(evidence: evidence).json.prettyText.utf8), path: "e.json")
    }

    func testEvidenceFileRoundTrips() throws {
        let evidence = DoubleSignEvidence(first: Self.signed(Self.header()), second: Self.signed(Self.header(timestamp: 1_001)))
        XCTAssertEqual(try parse(evidence).evidence, evidence)
        XCTAssertNil(EvidenceFile.problem(with: evidence))
        // The documented shape, written by hand.
        let text = """
            {"first": {"header_hex": "\(evidence.first.header.canonicalBytes.hex)", "signature": "\(evidence.first.signature.hex)"},
             "second": {"signature": "\(evidence.second.signature.hex)", "header_hex": "\(evidence.second.header.canonicalBytes.hex)"}}
            """
        XCTAssertEqual(try EvidenceFile(parsing: Array(text.utf8), path: "e.json").evidence, evidence)
    }

    func testEvidenceTheChainWouldCertainlyRefuseIsRefusedLocally() throws {
        let first = Self.signed(Self.header())
        let other = try Ed25519.PrivateKey(seed: Array(repeating: 9, count: 32))
        var forgedSignature = Self.signed(Self.header(timestamp: 1_001))
        forgedSignature.signature[0] ^= 1
        let cases: [(DoubleSignEvidence, String)] = [
            (DoubleSignEvidence(first: first, second: Self.signed(Self.header(height: 13))), "heights 12 and 13"),
            (DoubleSignEvidence(first: first, second: first), "same block"),
            (DoubleSignEvidence(first: first, second: Self.signed(Self.header(timestamp: 1_001, producer: other), by: other)), "different keys"),
            (DoubleSignEvidence(first: first, second: forgedSignature), "second header's signature does not verify"),
            (DoubleSignEvidence(first: first, second: Self.signed(Self.header(chainId: "other-chain"))), "different chains"),
        ]
        for (evidence, reason) in cases {
            XCTAssertThrowsError(try parse(evidence), reason) { error in
                guard case let .invalid(path, message) = error as? EvidenceFileError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, "e.json")
                XCTAssertTrue(message.contains(reason), message)
                XCTAssertTrue("\(error)".contains("nothing was sent"))
            }
        }
    }

    func testMalformedEvidenceFilesNameTheProblem() {
        let good = Self.signed(Self.header())
        let side = #"{"header_hex": "\#(good.header.canonicalBytes.hex)", "signature": "\#(good.signature.hex)"}"#
        let cases: [(String, String)] = [
            ("", "empty"),
            ("{", "JSON"),
            (#"{"first": \#(side)}"#, "second"),
            (#"{"first": \#(side), "second": {"header_hex": "00", "signature": "\#(good.signature.hex)"}}"#, "second.header_hex"),
            (#"{"first": \#(side), "second": {"header_hex": "zz", "signature": "\#(good.signature.hex)"}}"#, "second.header_hex"),
            (#"{"first": \#(side), "second": {"header_hex": "\#(good.header.canonicalBytes.hex)", "signature": "abcd"}}"#, "2 bytes"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try EvidenceFile(parsing: Array(text.utf8), path: "e.json"), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    // MARK: - Node answers

    private static let address = try! DevAccounts.address(index: 3)
    private static let attestationHash = Hash32(hex: attestation)!

    /// A stake as the chain holds it: 1000 AI at tier 2 (cpu-tee), locked 4 epochs until height 250, reputation 10.
    private static func stake(amount: Amount = 1000 * Tokens.one, jailed: Bool = false) -> Stake {
        Stake(
            amount: amount, lockEpochs: 4, lockedUntil: 250, tier: .cpuTEE,
            proof: .attested(.init(attestor: try! DevAttestor.key(index: 0).publicKey, measurement: attestationHash, expiresAt: 1000, attestedAt: 10)),
            reputation: 10, jailed: jailed)
    }

    /// The stake as a query at `height` shows it (power and amount tier derived by the core).
    private static func stakeView(amount: Amount = 1000 * Tokens.one, jailed: Bool = false, height: UInt64 = 240) -> StakeInfo {
        StakeInfo(
            stake(amount: amount, jailed: jailed), parameters: .defaults, height: height,
            attestor: AttestorRecord(name: DevAttestor.name(index: 0), maxTier: .teeIO, addedAt: 0))
    }

    private static let queue = UnbondingQueue(entries: [
        .init(amount: 399_600_000_000_000_000_000, matureAt: 30), .init(amount: Tokens.one, matureAt: 260),
    ])

    /// The `pm_getStake` answer at height 240.
    private static let stakeResult = StakeState(
        address: address, height: 240, stake: stakeView(), unbonding: UnbondingEntry.list(queue, height: 240), unbondingTotal: queue.total)

    func testStakeAnswerDecodesAndPrints() throws {
        let json = Self.stakeResult.json
        XCTAssertEqual(json["stake"]?["power"], .string("1666500000000000000000"))
        XCTAssertEqual(json["stake"]?["tier_name"], .string("cpu-tee"))
        XCTAssertEqual(json["unbonding"]?[0], .object([("amount", .string("399600000000000000000")), ("mature_at", .uint(30)), ("matured", .bool(true))]))
        XCTAssertEqual(json["unbonding_total"], .string("400600000000000000000"))

        let state = try StakeState(json: json)
        XCTAssertEqual(state, Self.stakeResult)
        XCTAssertEqual(state.address, Self.address)
        XCTAssertEqual(state.stake?.power, 1_666_500_000_000_000_000_000)
        XCTAssertEqual(state.stake?.attested?.measurement.hex, Self.attestation)
        XCTAssertEqual(state.stake?.attested?.holds, true)
        XCTAssertEqual(state.stake?.effectiveTier, 2)
        XCTAssertEqual(state.unbonding.map(\.matureAt), [30, 260])
        XCTAssertEqual(state.unbonding.map(\.matured), [true, false])
        XCTAssertEqual(state.unbondingTotal, 400_600_000_000_000_000_000)

        let text = StakePresentation.text(state) { rows in rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }
        for expected in [
            "Stake of \(Self.address) at height 240", "amount: 1000 AI", "privacy tier: 2 (cpu-tee)", "amount tier: silver",
            "lock: 4 epochs, until height 250 (10 blocks left)", "reputation: 10 / 1000", "jailed: no", "power: 1666.5 AI",
            "Unbonding: 400.6 AI in 2 entries", "399.6 AI, matures at height 30 (matured", "1 AI, matures at height 260 (20 blocks to go)",
        ] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }

        let noneJSON = StakeState(address: Self.address, height: 3, stake: nil, unbonding: [], unbondingTotal: 0).json
        XCTAssertEqual(noneJSON["stake"], .null, "no stake is sent as null")
        let none = try StakeState(json: noneJSON)
        XCTAssertNil(none.stake)
        XCTAssertEqual(StakePresentation.text(none) { _ in "" }, "\(Self.address) has no stake at height 3")
    }

    func testMalformedStakeAnswersNameTheMember() {
        let json = Self.stakeResult.json
        XCTAssertThrowsError(try StakeState(json: json.replacing(["stake", "amount"], with: .string("12.5")))) { error in
            XCTAssertTrue("\(error)".contains("result.stake.amount"), "\(error)")
        }
        XCTAssertThrowsError(try StakeState(json: json.replacing(["stake", "power"], with: .uint(1)))) { error in
            XCTAssertTrue("\(error)".contains("result.stake.power"), "\(error)")
        }
        let noStake = json.replacing(["stake"], with: .null)
        XCTAssertThrowsError(try StakeState(json: noStake.replacing(["unbonding", "0", "mature_at"], with: .string("x")))) { error in
            XCTAssertTrue("\(error)".contains("result.unbonding[0].mature_at"), "\(error)")
        }
    }

    func testProvidersAnswerDecodesAndPrintsAsATable() throws {
        let second = try DevAccounts.address(index: 4)
        let low = Self.stakeView(amount: 150 * Tokens.one, jailed: true, height: 300)
        XCTAssertEqual(low.power, 0, "a jailed provider has no power")
        let result = ProviderList(height: 300, totalCount: 5, providers: [
            ProviderInfo(address: Self.address, stake: Self.stakeView(), unbonding: [], unbondingTotal: 0),
            ProviderInfo(address: second, stake: low, unbonding: [], unbondingTotal: 0),
        ])
        let json = result.json
        // Each provider's stake is nested, as `pm_getStake` sends it.
        XCTAssertEqual(json["providers"]?[0]?["stake"]?["power"], .string("1666500000000000000000"))
        XCTAssertNil(json["providers"]?[0]?["power"])
        XCTAssertEqual(json["providers"]?[1]?["stake"]?["jailed"], .bool(true))

        let list = try ProviderList(json: json)
        XCTAssertEqual(list, result)
        XCTAssertEqual(list.totalCount, 5)
        XCTAssertEqual(list.providers.map(\.address), [Self.address, second])
        XCTAssertEqual(list.providers[1].stake.jailed, true)

        let text = StakePresentation.providersText(list)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "2 of 5 providers at height 300, by staking power (raise --limit to see more)")
        XCTAssertTrue(lines[1].hasPrefix("  #  address"), lines[1])
        XCTAssertTrue(lines[2].contains(Self.address.text) && lines[2].contains("1666.5") && lines[2].hasSuffix("active"), lines[2])
        XCTAssertTrue(lines[3].hasSuffix("jailed"), lines[3])
        // Right-aligned numbers: the power column ends at the same place on every line.
        func end(of text: String, in line: String) throws -> Int {
            line.distance(from: line.startIndex, to: try XCTUnwrap(line.range(of: text)).upperBound)
        }
        XCTAssertEqual(try end(of: "power (AI)", in: lines[1]), try end(of: "1666.5", in: lines[2]))
        XCTAssertEqual(
            StakePresentation.providersText(try ProviderList(json: ProviderList(height: 1, totalCount: 0, providers: []).json)),
            "No providers at height 1: nobody has staked yet.")

        XCTAssertThrowsError(try ProviderList(json: json.removing(["providers", "1", "stake", "jailed"]))) { error in
            XCTAssertTrue("\(error)".contains("result.providers[1].stake.jailed"), "\(error)")
        }
    }

    func testTextTableAlignsColumns() {
        var table = TextTable(header: ["name", "amount"], alignments: [.left, .right])
        table.append(["a", "1"])
        table.append(["longer", "1000.5"])
        XCTAssertEqual(table.render(), "  name    amount\n  a            1\n  longer  1000.5")
        XCTAssertEqual(table.render(indent: 0).split(separator: "\n").first, "name    amount")
    }

    func testStakingClientCallsTheDocumentedMethods() async throws {
        let server = try CannedRPCServer { method, params in
            switch method {
            case "pm_getStake":
                guard (try? AddressParams(json: params, path: "params"))?.address == Self.address else {
                    return CannedRPCServer.error(.invalidParams, "address")
                }
                return CannedRPCServer.result(Self.stakeResult)
            case "pm_getProviders":
                guard let limit = try? LimitParams(json: params, path: "params") else { return CannedRPCServer.error(.invalidParams, "limit") }
                return CannedRPCServer.result(ProviderList(height: limit.limit ?? 100, totalCount: 0, providers: []))
            default:
                return CannedRPCServer.error(.methodNotFound, "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let stake = try await client.stake(Self.address)
        let limited = try await client.providers(limit: 7)
        let unlimited = try await client.providers()
        XCTAssertEqual(stake, Self.stakeResult)
        XCTAssertEqual(limited.height, 7)
        XCTAssertEqual(unlimited.height, 100)
        XCTAssertEqual(server.methods, ["pm_getStake", "pm_getProviders", "pm_getProviders"])
    }

    // MARK: - Receipts

    func testReceiptsExplainFailuresAndTellWhatHappened() throws {
        let failedReceipt = Receipt(transactionId: Hash32.digest([0xaa]), code: 110, feeCharged: Tokens.one / 1000, events: [])
        let failed = try ReceiptView(json: ReceiptView(failedReceipt).json, path: "receipt")
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(failed.status, "nothing_matured")
        XCTAssertTrue(failed.failureText.hasPrefix("nothing_matured (code 110): no unbonding entry has matured yet"), failed.failureText)
        XCTAssertEqual(failed.failureText, "nothing_matured (code 110): \(try XCTUnwrap(TransactionErrorCode.message(forCode: 110)))")
        XCTAssertEqual(failed.eventLines, [])

        let provider = Self.address
        var okView = ReceiptView(Receipt(transactionId: Hash32.digest([0xbb]), code: 0, feeCharged: Tokens.one / 1000, events: [
            .staked(provider: provider, added: 1000 * Tokens.one, total: 1500 * Tokens.one, tier: 2, lockedUntil: 12),
            .feePaid(payer: provider, total: Tokens.one / 1000, burned: 400_000_000_000_000, rewardPool: 300_000_000_000_000,
                     treasury: 200_000_000_000_000, liquidity: 100_000_000_000_000),
            .unstaked(provider: provider, amount: 399_600_000_000_000_000_000, burned: 400_000_000_000_000_000, matureAt: 30),
            .withdrawn(provider: provider, amount: 399_600_000_000_000_000_000),
            .slashed(provider: provider, reason: SlashReason.doubleSign.rawValue, bps: 10_000, fromStake: 300 * Tokens.one, fromUnbonding: 0),
            .jailed(provider: provider),
        ]))
        // An event type from a newer node is not told, and not an error.
        okView.events.append(EventView(type: "something_new"))
        let ok = try ReceiptView(json: okView.json, path: "receipt")
        XCTAssertTrue(ok.succeeded)
        XCTAssertNil(ok.message)
        XCTAssertEqual(ok.eventLines, [
            "staked +1000 AI, now 1500 AI at tier 2, locked until height 12",
            "unstaked: 399.6 AI unbonding until height 30, 0.4 AI burned",
            "withdrew 399.6 AI of matured unbonding entries",
            "slashed \(provider) for double_sign (10000 bps): 300 AI from stake, 0 AI from unbonding, all burned",
            "jailed \(provider)",
        ])
    }
}
