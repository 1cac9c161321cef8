import Foundation
import ProofmintTestSupport
import XCTest
@testable import ProofmintWallet

/// The wallet's verification pieces: `tx validate` and `receipt sign` input rules, the receipt file's hashes, the
/// node's verification answers and how they print, and the client calling the documented methods.
final class VerificationWalletTests: XCTestCase {
    private static let job = String(repeating: "1f", count: 32)
    private static let hash = String(repeating: "ab", count: 32)

    // MARK: - tx validate input

    func testVerdictRequestsFromFlags() throws {
        let pass = try VerificationInput.verdictRequest(job: Self.job, verdict: "pass", quality: 90, slashBps: nil, staking: .defaults)
        XCTAssertEqual(pass, VerdictRequest(jobId: Hash32(hex: Self.job)!, verdict: .pass, quality: 90, slashBps: 0))
        let sla = try VerificationInput.verdictRequest(job: Self.job, verdict: "sla-violation", quality: 40, slashBps: 300, staking: .defaults)
        XCTAssertEqual(sla.verdict, .slaViolation)
        XCTAssertEqual(sla.slashBps, 300)
        XCTAssertEqual(try VerificationInput.verdict(" Malicious"), .malicious)
        XCTAssertEqual(try VerificationInput.verdict("attestation_failure"), .attestationFailure)
    }

    func testVerdictFlagsTheChainWouldCertainlyRefuse() {
        func refuses(verdict: String = "pass", quality: Int = 90, slash: Int? = nil, job: String = VerificationWalletTests.job, _ expected: VerificationInputError, line: UInt = #line) {
            XCTAssertThrowsError(
                try VerificationInput.verdictRequest(job: job, verdict: verdict, quality: quality, slashBps: slash, staking: .defaults), line: line
            ) { XCTAssertEqual($0 as? VerificationInputError, expected, line: line) }
        }
        refuses(verdict: "fine", .input(.invalidVerdict("fine")))
        refuses(job: "abc", .input(.invalidJobId("abc")))
        refuses(quality: 101, .qualityOutOfRange(101))
        refuses(quality: -1, .qualityOutOfRange(-1))
        refuses(verdict: "sla_violation", .slashRequired(range: 100...500))
        refuses(verdict: "sla_violation", slash: 600, .slashOutOfRange(given: 600, range: 100...500))
        refuses(verdict: "malicious", slash: 200, .slashUnexpected(verdict: "malicious"))
        XCTAssertTrue(VerificationInputError.input(.invalidVerdict("fine")).description.contains("pass, sla_violation, attestation_failure, malicious"))
        XCTAssertTrue(VerificationInputError.slashRequired(range: 100...500).description.contains("--slash-bps"))
    }

    // MARK: - receipt sign hashes

    func testContentHashesFromHexOrFiles() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        XCTAssertEqual(try VerificationInput.contentHash(hex: " 0x" + Self.hash.uppercased(), file: nil, name: "model").hex, Self.hash)
        let path = directory.path + "/input.txt"
        // Larger than one read chunk, so the streaming hash is checked across chunks.
        let content = Bytes((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try Data(content).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try VerificationInput.contentHash(hex: nil, file: path, name: "input").bytes, Blake2b.hash256(content))

        XCTAssertThrowsError(try VerificationInput.contentHash(hex: nil, file: nil, name: "output")) {
            XCTAssertEqual($0 as? VerificationInputError, .hashMissing(name: "output"))
            XCTAssertTrue("\($0)".contains("--output-hash HEX") && "\($0)".contains("--output-file FILE"))
        }
        XCTAssertThrowsError(try VerificationInput.contentHash(hex: Self.hash, file: path, name: "input")) {
            XCTAssertEqual($0 as? VerificationInputError, .hashTwice(name: "input"))
        }
        XCTAssertThrowsError(try VerificationInput.contentHash(hex: "abcd", file: nil, name: "model")) {
            XCTAssertEqual($0 as? VerificationInputError, .input(.invalidHash(field: "--model-hash", text: "abcd")))
        }
        XCTAssertThrowsError(try VerificationInput.contentHash(hex: nil, file: directory.path + "/missing", name: "model")) {
            XCTAssertEqual($0 as? VerificationInputError, .file(.notFound(path: directory.path + "/missing")))
        }
    }

    func testReceiptFileCarriesTheThreeHashes() throws {
        let consumer = try DevAccounts.key(index: 1)
        let receipt = ComputeReceipt(
            chainId: "proofmint-devnet-1", jobId: Hash32(hex: Self.job)!, consumer: consumer.publicKey, provider: try DevAccounts.address(index: 2),
            epoch: 0, workload: "llama-3-8b", modelHash: Hash32(hex: Self.hash)!, inputHash: .digest(Array("in".utf8)),
            outputHash: .digest(Array("out".utf8)), units: 1000, quality: 95, price: 100 * Tokens.one)
        let file = ComputeReceiptFile(signed: receipt.signed(by: consumer))
        XCTAssertEqual(file.json["summary"]?["model_hash"], .string(Self.hash))
        XCTAssertEqual(file.json["summary"]?["output_hash"], .string(Hash32.digest(Array("out".utf8)).hex))
        XCTAssertTrue(ComputeReceiptFile.lines(receipt).contains { $0.0 == "input hash" && $0.1 == Hash32.digest(Array("in".utf8)).hex })
        let text = file.json.prettyText
        XCTAssertEqual(try ComputeReceiptFile(parsing: Array(text.utf8), path: "job.json"), file)
        // A summary whose model hash was edited no longer describes the signed bytes.
        guard case let .object(members) = file.json, case let .object(summary)? = members.first(where: { $0.0 == "summary" })?.1 else {
            return XCTFail("no summary")
        }
        let editedSummary = JSONValue.object(summary.map { $0.0 == "model_hash" ? ($0.0, .string(String(repeating: "cd", count: 32))) : $0 })
        let edited = JSONValue.object(members.map { $0.0 == "summary" ? ($0.0, editedSummary) : $0 }).prettyText
        XCTAssertThrowsError(try ComputeReceiptFile(parsing: Array(edited.utf8), path: "job.json")) {
            XCTAssertTrue("\($0)".contains("'summary' does not describe the signed receipt"), "\($0)")
        }
    }

    // MARK: - Node answers

    /// Rows as `label: value` lines, standing in for the terminal's table.
    private static func table(_ rows: [(String, String)]) -> String { rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }

    private static let validator = try! DevAccounts.address(index: 0)

    private static func record(status: ValidationStatus = .assigned, challenge: Challenge? = nil) -> ReceiptRecord {
        ReceiptRecord(
            provider: try! DevAccounts.address(index: 2), consumer: try! DevAccounts.address(index: 1), epoch: 0, receiptEpoch: 0, acceptedAt: 10,
            value: 100 * Tokens.one, units: 1000, score: 95, qualityBps: 11_500, tierBps: 10_000, weight: 100 * Tokens.one * 11_500 * 10_000,
            modelHash: Hash32(hex: hash)!, inputHash: .zero, outputHash: .zero, validation: status, validator: validator, deadline: 31, missed: 0,
            verdict: nil, challengeUntil: 70, challenge: challenge)
    }

    func testReceiptRecordAnswerDecodesAndPrints() throws {
        let challenge = Challenge(
            challenger: try DevAccounts.address(index: 1), bond: 10 * Tokens.one, openedAt: 12, deadline: 32, upholdStake: 0, rejectStake: 0,
            voters: [], outcome: .open)
        let answer = ReceiptRecordResult(height: 20, record: ReceiptRecordView(job: Hash32(hex: Self.job)!, Self.record(challenge: challenge)))
        let json = answer.json
        XCTAssertEqual(json["record"]?["status"], .string("assigned"))
        XCTAssertEqual(json["record"]?["price"], .string("100000000000000000000"))
        XCTAssertEqual(json["record"]?["units"], .string("1000"))
        XCTAssertEqual(json["record"]?["challenge"]?["voted_by"], .array([]))
        XCTAssertEqual(try ReceiptRecordResult(json: json), answer)
        let text = VerificationPresentation.receiptText(answer) { Self.table($0) }
        XCTAssertTrue(text.contains("assigned to \(Self.validator.text), verdict due by height 31"), text)
        XCTAssertTrue(text.contains("open, votes until height 32"), text)
        XCTAssertTrue(text.contains("100 AI"), text)

        let pending = PendingValidationsResult(height: 20, validations: [answer.record])
        XCTAssertTrue(VerificationPresentation.validationsText(pending) { Self.table($0) }.contains("11 blocks left"))
        XCTAssertTrue(VerificationPresentation.validationsText(PendingValidationsResult(height: 20, validations: [])) { Self.table($0) }
            .contains("No receipt is waiting"))

        let set = ComputeValidatorsResult(
            height: 20, minStake: 100 * Tokens.one, maxValidators: 100, totalStake: 100 * Tokens.one, validators: [
                ComputeValidatorView(address: Self.validator, bonded: 100 * Tokens.one, jailed: false, countedStake: 100 * Tokens.one),
                ComputeValidatorView(address: try DevAccounts.address(index: 5), bonded: 50 * Tokens.one, jailed: false, countedStake: 0),
            ])
        XCTAssertEqual(try ComputeValidatorsResult(json: set.json), set)
        XCTAssertTrue(VerificationPresentation.validatorsText(set) { Self.table($0) }.contains("below the minimum: not counted"))
    }

    func testVerificationClientCallsTheDocumentedMethods() async throws {
        let record = ReceiptRecordView(job: Hash32(hex: Self.job)!, Self.record())
        let server = try CannedRPCServer { method, params in
            switch method {
            case "pm_getReceipt":
                guard let job = try? JobParams(json: params, path: "params") else { return CannedRPCServer.error(.invalidParams, "job_id") }
                guard job.jobId == record.jobId else { return CannedRPCServer.error(.notFound, "no receipt record") }
                return CannedRPCServer.result(ReceiptRecordResult(height: 20, record: record))
            case "pm_getPendingValidations":
                guard let asked = try? PendingValidationsParams(json: params, path: "params") else { return CannedRPCServer.error(.invalidParams, "validator") }
                return CannedRPCServer.result(PendingValidationsResult(height: 20, validations: asked.validator == Self.validator ? [record] : []))
            case "pm_getChallenges":
                guard let asked = try? ChallengesParams(json: params, path: "params") else { return CannedRPCServer.error(.invalidParams, "open_only") }
                return CannedRPCServer.result(ChallengesResult(height: asked.openOnly == false ? 1 : 0, challenges: []))
            default:
                return CannedRPCServer.error(.methodNotFound, "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let found = try await client.receiptRecordIfAny(record.jobId)
        XCTAssertEqual(found, record)
        let missing = try await client.receiptRecordIfAny(.zero)
        XCTAssertNil(missing)
        let mine = try await client.pendingValidations(validator: Self.validator)
        XCTAssertEqual(mine.validations, [record])
        let all = try await client.challenges(openOnly: false)
        XCTAssertEqual(all.height, 1)
    }
}
