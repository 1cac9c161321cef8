import Foundation
import XCTest
@testable import ProofmintWallet

/// The wallet's staking pieces: `tx stake` input rules, evidence files, the node's staking answers and how they print.
final class StakingWalletTests: XCTestCase {
    private static let attestation = String(repeating: "ab", count: 32)

    // MARK: - tx stake input

    func testStakeRequestsFromFlags() throws {
        let open = try StakingInput.stakeRequest(amount: "150AI", lockEpochs: 0, tier: 0, attestation: nil)
        XCTAssertEqual(open, StakeRequest(amount: 150 * Tokens.one, lockEpochs: 0, tier: .open, attestation: nil))

        let tee = try StakingInput.stakeRequest(amount: "1000AI", lockEpochs: 52, tier: 2, attestation: Self.attestation)
        XCTAssertEqual(tee.tier, .cpuTEE)
        XCTAssertEqual(tee.lockEpochs, 52)
        XCTAssertEqual(tee.attestation?.hex, Self.attestation)

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
        for tier in 1...4 {
            refuses(tier: tier, attestation: nil, .attestationRequired(tier: PrivacyTier(rawValue: UInt8(tier))!))
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
            receiptRoot: Hash32.digest([3]), stateRoot: Hash32.digest([4]), transactionCount: 0, producer: producer.publicKey.bytes)
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

    private static func stakeJSON(amount: String = "1000000000000000000000", jailed: Bool = false) -> [(String, JSONValue)] {
        [
            ("amount", .string(amount)), ("lock_epochs", .uint(4)), ("locked_until", .uint(250)), ("tier", .uint(2)),
            ("tier_name", .string("cpu-tee")), ("attestation", .string(attestation)), ("reputation", .uint(10)),
            ("jailed", .bool(jailed)), ("power", .string("1666500000000000000000")), ("amount_tier", .string("silver")),
        ]
    }

    private static let unbonding: JSONValue = .array([
        .object([("amount", .string("399600000000000000000")), ("mature_at", .uint(30)), ("matured", .bool(true))]),
        .object([("amount", .string("1000000000000000000")), ("mature_at", .uint(260)), ("matured", .bool(false))]),
    ])

    private static let stakeResult: JSONValue = .object([
        ("address", .string(address.text)), ("height", .uint(240)), ("stake", .object(stakeJSON())),
        ("unbonding", unbonding), ("unbonding_total", .string("400600000000000000000")),
    ])

    func testStakeAnswerDecodesAndPrints() throws {
        let state = try StakeState(json: Self.stakeResult)
        XCTAssertEqual(state.address, Self.address)
        XCTAssertEqual(state.stake?.power, 1_666_500_000_000_000_000_000)
        XCTAssertEqual(state.stake?.attestation?.hex, Self.attestation)
        XCTAssertEqual(state.unbonding.map(\.matureAt), [30, 260])
        XCTAssertEqual(state.unbondingTotal, 400_600_000_000_000_000_000)

        let text = StakePresentation.text(state) { rows in rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }
        for expected in [
            "Stake of \(Self.address) at height 240", "amount: 1000 AI", "privacy tier: 2 (cpu-tee)", "amount tier: silver",
            "lock: 4 epochs, until height 250 (10 blocks left)", "reputation: 10 / 1000", "jailed: no", "power: 1666.5 AI",
            "Unbonding: 400.6 AI in 2 entries", "399.6 AI, matures at height 30 (matured", "1 AI, matures at height 260 (20 blocks to go)",
        ] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }

        let none = try StakeState(json: .object([
            ("address", .string(Self.address.text)), ("height", .uint(3)), ("stake", .null), ("unbonding", .array([])),
            ("unbonding_total", .string("0")),
        ]))
        XCTAssertNil(none.stake)
        XCTAssertEqual(StakePresentation.text(none) { _ in "" }, "\(Self.address) has no stake at height 3")
    }

    func testMalformedStakeAnswersNameTheMember() {
        guard case var .object(members) = Self.stakeResult else { return XCTFail() }
        members[2] = ("stake", .object(Self.stakeJSON(amount: "12.5")))
        XCTAssertThrowsError(try StakeState(json: .object(members))) { error in
            XCTAssertTrue("\(error)".contains("result.stake.amount"), "\(error)")
        }
        members[2] = ("stake", .null)
        members[3] = ("unbonding", .array([.object([("amount", .string("1")), ("mature_at", .string("x")), ("matured", .bool(true))])]))
        XCTAssertThrowsError(try StakeState(json: .object(members))) { error in
            XCTAssertTrue("\(error)".contains("result.unbonding[0].mature_at"), "\(error)")
        }
    }

    func testProvidersAnswerDecodesAndPrintsAsATable() throws {
        let second = try DevAccounts.address(index: 4)
        func provider(_ address: Address, _ extra: [(String, JSONValue)]) -> JSONValue {
            .object([("address", .string(address.text))] + extra + [("unbonding", .array([])), ("unbonding_total", .string("0"))])
        }
        var low = Self.stakeJSON(amount: "150000000000000000000", jailed: true)
        low[8] = ("power", .string("0"))
        let result: JSONValue = .object([
            ("height", .uint(300)), ("total", .uint(5)),
            ("providers", .array([provider(Self.address, Self.stakeJSON()), provider(second, low)])),
        ])
        let list = try ProviderList(json: result)
        XCTAssertEqual(list.total, 5)
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
            StakePresentation.providersText(try ProviderList(json: .object([("height", .uint(1)), ("total", .uint(0)), ("providers", .array([]))]))),
            "No providers at height 1: nobody has staked yet.")
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
                guard params["address"]?.stringValue == Self.address.text else { return CannedRPCServer.error(code: -32602, message: "address") }
                return CannedRPCServer.result(Self.stakeResult)
            case "pm_getProviders":
                let limit = params["limit"]?.uint64Value ?? 100
                return CannedRPCServer.result(.object([("height", .uint(limit)), ("total", .uint(0)), ("providers", .array([]))]))
            default:
                return CannedRPCServer.error(code: -32601, message: "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let stake = try await client.stake(Self.address)
        let limited = try await client.providers(limit: 7)
        let unlimited = try await client.providers()
        XCTAssertEqual(stake.height, 240)
        XCTAssertEqual(limited.height, 7)
        XCTAssertEqual(unlimited.height, 100)
        XCTAssertEqual(server.methods, ["pm_getStake", "pm_getProviders", "pm_getProviders"])
    }

    // MARK: - Receipts

    func testReceiptsExplainFailuresAndTellWhatHappened() throws {
        let failed = try ReceiptSummary(json: .object([
            ("transaction_id", .string(String(repeating: "a", count: 64))), ("code", .int(110)), ("status", .string("nothing_matured")),
            ("message", .string("no unbonding entry has matured yet")), ("fee_charged", .string("1000000000000000")),
            ("events", .array([])),
        ]), path: "receipt")
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(failed.failureText, "nothing_matured (code 110): no unbonding entry has matured yet")
        XCTAssertEqual(failed.eventLines, [])

        let provider = Self.address.text
        let ok = try ReceiptSummary(json: .object([
            ("code", .int(0)), ("status", .string("ok")), ("message", .null), ("fee_charged", .string("1000000000000000")),
            ("events", .array([
                .object([("type", .string("staked")), ("provider", .string(provider)), ("added", .string("1000000000000000000000")),
                         ("total", .string("1500000000000000000000")), ("tier", .uint(2)), ("locked_until", .uint(12))]),
                .object([("type", .string("fee_paid")), ("payer", .string(provider)), ("total", .string("1000000000000000"))]),
                .object([("type", .string("unstaked")), ("provider", .string(provider)), ("amount", .string("399600000000000000000")),
                         ("burned", .string("400000000000000000")), ("mature_at", .uint(30))]),
                .object([("type", .string("withdrawn")), ("provider", .string(provider)), ("amount", .string("399600000000000000000"))]),
                .object([("type", .string("slashed")), ("provider", .string(provider)), ("reason", .string("double_sign")),
                         ("bps", .uint(10000)), ("from_stake", .string("300000000000000000000")), ("from_unbonding", .string("0"))]),
                .object([("type", .string("jailed")), ("provider", .string(provider))]),
                .object([("type", .string("something_new"))]),
            ])),
        ]), path: "receipt")
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
