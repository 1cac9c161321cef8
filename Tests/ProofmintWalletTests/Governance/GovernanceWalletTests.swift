import Foundation
import ProofmintTestSupport
import XCTest
@testable import ProofmintWallet

/// The wallet's governance pieces: `tx propose`/`tx vote` input rules, the node's governance answers (decoded and
/// checked) and how they print.
final class GovernanceWalletTests: XCTestCase {
    // MARK: - Parameter changes

    func testAssignmentsAreParsedInTheirUnitAndSortedByName() throws {
        let changes = try GovernanceInput.assignments([
            "staking.min_stake=110AI", "compute.protocol_fee_bps=36", "min_fee = 1200000000000000", "fee_split_bps.burn=4100",
        ])
        XCTAssertEqual(changes.map(\.name), ["compute.protocol_fee_bps", "fee_split_bps.burn", "min_fee", "staking.min_stake"])
        XCTAssertEqual(changes.map(\.value), [36, 4100, 1_200_000_000_000_000, 110 * Tokens.one])
        // Amount parameters also take decimals with their unit; the others only whole numbers.
        XCTAssertEqual(try GovernanceInput.assignments(["min_fee=0.0012AI"]).first?.value, 1_200_000_000_000_000)
        XCTAssertThrowsError(try GovernanceInput.assignments(["compute.protocol_fee_bps=36AI"])) {
            XCTAssertEqual($0 as? GovernanceInputError, .invalidValue(name: "compute.protocol_fee_bps", text: "36AI", unit: .bps))
        }
    }

    func testRefusalsBeforeSigning() {
        func refuses(_ assignments: [String], _ expected: GovernanceInputError, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try GovernanceInput.assignments(assignments), file: file, line: line) {
                XCTAssertEqual($0 as? GovernanceInputError, expected, file: file, line: line)
            }
        }
        refuses(["protocol_fee_bps=36"], .unknownParameter(name: "protocol_fee_bps", suggestion: "compute.protocol_fee_bps"))
        refuses(["compute.protocol_fe_bps=36"], .unknownParameter(name: "compute.protocol_fe_bps", suggestion: "compute.protocol_fee_bps"))
        refuses(["nothing.like.it=1"], .unknownParameter(name: "nothing.like.it", suggestion: nil))
        refuses(["compute.protocol_fee_bps"], .malformedAssignment("compute.protocol_fee_bps"))
        refuses(["=36"], .malformedAssignment("=36"))
        refuses(["compute.protocol_fee_bps=36", "compute.protocol_fee_bps=35"], .duplicateParameter("compute.protocol_fee_bps"))
        refuses(["compute.protocol_fee_bps=10001"], .outOfBounds(name: "compute.protocol_fee_bps", value: 10_001, minimum: 0, maximum: 10_000, unit: .bps))
        refuses(["governance.pass_threshold_bps=4000"], .outOfBounds(name: "governance.pass_threshold_bps", value: 4000, minimum: 5000, maximum: 9999, unit: .bps))
        refuses([], .noChanges)
        let many = ParameterRegistry.all.prefix(17).map { "\($0.name)=\($0.minimum)" }
        refuses(Array(many), .tooManyChanges(count: 17))

        let message = "\(GovernanceInputError.unknownParameter(name: "protocol_fee_bps", suggestion: "compute.protocol_fee_bps"))"
        XCTAssertTrue(message.contains("did you mean 'compute.protocol_fee_bps'?") && message.contains("nothing was sent"), message)
    }

    func testStepsAreCheckedAgainstTheValuesInForce() throws {
        let changes = try GovernanceInput.assignments(["compute.protocol_fee_bps=36", "min_fee=0.0012AI"])
        let current: [String: UInt128] = ["compute.protocol_fee_bps": 30, "min_fee": Tokens.one / 1000]
        XCTAssertNoThrow(try GovernanceInput.checkSteps(changes, maxChangeBps: 2000) { current[$0] })
        XCTAssertThrowsError(try GovernanceInput.checkSteps(try GovernanceInput.assignments(["compute.protocol_fee_bps=37"]), maxChangeBps: 2000) { current[$0] }) {
            XCTAssertEqual($0 as? GovernanceInputError, .stepTooLarge(
                name: "compute.protocol_fee_bps", current: 30, requested: 37, maxStep: 6, maxChangeBps: 2000, unit: .bps))
            XCTAssertTrue("\($0)".contains("choose a value from 24 bps to 36 bps"), "\($0)")
        }
        // A parameter at 0 may still move by 1; an unknown current value is left to the chain.
        XCTAssertNoThrow(try GovernanceInput.checkSteps(try GovernanceInput.assignments(["compute.protocol_fee_bps=1"]), maxChangeBps: 2000) { _ in 0 })
        XCTAssertNoThrow(try GovernanceInput.checkSteps(try GovernanceInput.assignments(["compute.protocol_fee_bps=5000"]), maxChangeBps: 2000) { _ in nil })
    }

    func testChangesFiles() throws {
        let good = #"{"min_fee": "0.0012AI", "compute.protocol_fee_bps": 36, "staking.min_stake": "110000000000000000000"}"#
        let changes = try GovernanceInput.changesFile(parsing: Array(good.utf8), path: "c.json")
        XCTAssertEqual(changes.map(\.name), ["compute.protocol_fee_bps", "min_fee", "staking.min_stake"])
        XCTAssertEqual(changes.map(\.value), [36, 1_200_000_000_000_000, 110 * Tokens.one])

        for (text, expected) in [
            ("", "the file is empty"), ("[1]", "must be a JSON object"), (#"{"min_fee": true}"#, "must be a number or a string"),
            (#"{"min_fee": 1, "min_fee": 2}"#, "c.json"), (#"{"compute.protocol_fee_bps": 3.5}"#, "whole number"),
            (#"{"fee": 1}"#, "unknown parameter 'fee'"),
        ] {
            XCTAssertThrowsError(try GovernanceInput.changesFile(parsing: Array(text.utf8), path: "c.json"), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
            }
        }
    }

    func testVotesSlashesTextsAndUpgrades() throws {
        XCTAssertEqual(try GovernanceInput.voteOption("Yes"), .yes)
        XCTAssertEqual(try GovernanceInput.voteOption("abstain"), .abstain)
        XCTAssertThrowsError(try GovernanceInput.voteOption("maybe")) { XCTAssertEqual($0 as? GovernanceInputError, .invalidVoteOption("maybe")) }
        XCTAssertEqual(try GovernanceInput.slashReason("sla-violation"), .slaViolation)
        XCTAssertEqual(try GovernanceInput.slashReason("malicious"), .malicious)
        XCTAssertThrowsError(try GovernanceInput.slashReason("double_sign"), "double signing is proved by evidence, not voted on")
        XCTAssertThrowsError(try GovernanceInput.slashBps(0))
        XCTAssertThrowsError(try GovernanceInput.slashBps(10_001))
        XCTAssertEqual(try GovernanceInput.slashBps(500), 500)
        let hash = String(repeating: "ab", count: 32)
        XCTAssertEqual(try GovernanceInput.documentHash(" 0x" + hash.uppercased()).hex, hash)
        XCTAssertThrowsError(try GovernanceInput.documentHash("abcd"))
        XCTAssertThrowsError(try GovernanceInput.title(" "))
        XCTAssertThrowsError(try GovernanceInput.title(String(repeating: "x", count: 257)))
        XCTAssertEqual(try GovernanceInput.upgradeName("v2-fees.1"), "v2-fees.1")
        XCTAssertThrowsError(try GovernanceInput.upgradeName("V2"))
        XCTAssertThrowsError(try GovernanceInput.upgradeName(String(repeating: "a", count: 65)))
    }

    // MARK: - Node answers

    private static let proposer = try! DevAccounts.address(index: 1)
    private static let voter = try! DevAccounts.address(index: 2)

    /// The defaults, with one block a day (voting periods in blocks equal the days) and a two-block timelock.
    static func parameters() -> Parameters {
        var parameters = Parameters.defaults
        parameters.governance.blockTimeMs = 86_400_000
        parameters.governance.timelockBlocks = 2
        parameters.governance.rules = [
            .init(quorumBps: 5100, votingDays: 10), .init(quorumBps: 6000, votingDays: 10), .init(quorumBps: 7500, votingDays: 14),
            .init(quorumBps: 6000, votingDays: 7), .init(quorumBps: 5100, votingDays: 10),
        ]
        return parameters
    }

    /// The `pm_getParameters` answer as it goes over the wire.
    static func parametersJSON() -> JSONValue { ParametersResult(height: 9, parameters: parameters()).json }

    func testParametersAnswerGivesRulesAndValuesInForce() throws {
        let json = Self.parametersJSON()
        // The flat registry names, amounts as decimal strings and the rest as numbers; every registry parameter present.
        let values = try XCTUnwrap(json["parameters"])
        XCTAssertEqual(json["height"], .uint(9))
        XCTAssertEqual(values["min_fee"], .string("1000000000000000"))
        XCTAssertEqual(values["compute.protocol_fee_bps"], .uint(30))
        XCTAssertEqual(values["staking.min_stake"], .string("100000000000000000000"))
        XCTAssertEqual(values["staking.tier_multipliers_bps.1"], .uint(12_000))
        XCTAssertEqual(values["governance.quorum_bps.text"], .uint(5100))
        XCTAssertEqual(values["governance.voting_days.upgrade"], .uint(14))
        for spec in ParameterRegistry.all { XCTAssertNotNil(values[spec.name], spec.name) }
        XCTAssertEqual(values["staking.lock_steps"]?[1], .object([("min_epochs", .uint(4)), ("multiplier_bps", .uint(11_000))]))
        XCTAssertNil(values["governance"], "no nested groups any more")

        let parameters = try ChainParameters(json: json)
        XCTAssertEqual(parameters.parameters.parameters, Self.parameters())
        XCTAssertEqual(parameters.minDeposit, 100 * Tokens.one)
        XCTAssertEqual(parameters.minProposerPower, 20_000_000_000)
        XCTAssertEqual(parameters.timelockBlocks, 2)
        XCTAssertEqual(parameters.votingBlocks(.upgrade), 14)
        XCTAssertEqual(parameters.votingBlocks(.slash), 7)
        XCTAssertEqual(parameters.current("compute.protocol_fee_bps"), 30)
        XCTAssertEqual(parameters.current("min_fee"), Tokens.one / 1000)
        XCTAssertEqual(parameters.current("fee_split_bps.burn"), 4000)
        XCTAssertEqual(parameters.current("staking.min_stake"), 100 * Tokens.one)
        XCTAssertEqual(parameters.current("staking.tier_multipliers_bps.1"), 12_000)
        XCTAssertNil(parameters.current("staking.tier_multipliers_bps.5"))
        XCTAssertEqual(parameters.current("governance.quorum_bps.text"), 5100)
        XCTAssertEqual(parameters.current("governance.voting_days.upgrade"), 14)
        XCTAssertEqual(parameters.current("governance.timelock_blocks"), 2)

        // A missing or mistyped parameter is named.
        XCTAssertThrowsError(try ChainParameters(json: json.removing(["parameters", "governance.timelock_blocks"]))) {
            XCTAssertTrue("\($0)".contains("result.parameters.governance.timelock_blocks"), "\($0)")
        }
        XCTAssertThrowsError(try ChainParameters(json: json.replacing(["parameters", "min_fee"], with: .uint(1_000_000_000_000_000)))) {
            XCTAssertTrue("\($0)".contains("result.parameters.min_fee"), "\($0)")
        }
        XCTAssertThrowsError(try ChainParameters(json: json.removing(["parameters", "staking.lock_steps"]))) {
            XCTAssertTrue("\($0)".contains("result.parameters.staking.lock_steps"), "\($0)")
        }
    }

    /// Proposal `id`, as the chain holds it: a parameter change by `proposer`, with both voters' votes in.
    static func proposal(
        id: UInt64 = 1, status: GovernanceProposal.Status = .voting,
        content: ProposalContent = .parameterChange([.init(name: "compute.protocol_fee_bps", value: 36)])
    ) -> GovernanceProposal {
        GovernanceProposal(
            id: id, proposer: proposer, content: content, deposit: 100 * Tokens.one, submitHeight: 3, votingEndHeight: 12,
            status: status, voterCount: 2, tally: status == .voting ? nil : tally(passed: true),
            executeHeight: status == .voting ? nil : 14, failureCode: 0)
    }

    static func tally(passed: Bool) -> Tally {
        Tally(
            yes: 3000, no: 1000, abstain: 0, yesStake: 600 * Tokens.one, noStake: 200 * Tokens.one, abstainStake: 0,
            participationStake: 800 * Tokens.one, totalStake: 1_000 * Tokens.one, quorumReached: true, passed: passed)
    }

    /// The `pm_getProposal` answer at height 8, with or without the votes.
    static func proposalResult(id: UInt64 = 1, status: GovernanceProposal.Status = .voting, votes: Bool = true) -> ProposalResult {
        let view = ProposalView(
            proposal(id: id, status: status), parameters: parameters(), height: 8, liveTally: status == .voting ? tally(passed: true) : nil)
        return ProposalResult(
            height: 8, proposal: view,
            votes: votes ? [VoteView(voter: proposer, option: VoteOption.yes.name), VoteView(voter: voter, option: VoteOption.no.name)] : [])
    }

    private static func rows(_ rows: [(String, String)]) -> String { rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }

    func testProposalAnswerDecodesAndPrints() throws {
        let json = Self.proposalResult().json
        // The votes sit beside the proposal; a proposal carries no height of its own.
        XCTAssertEqual(json["votes"]?[1], .object([("voter", .string(Self.voter.text)), ("option", .string("no"))]))
        XCTAssertNil(json["proposal"]?["votes"])
        XCTAssertNil(json["proposal"]?["height"])
        XCTAssertEqual(json["proposal"]?["content"]?["fields"]?["compute.protocol_fee_bps"], .string("36"))
        XCTAssertEqual(json["proposal"]?["tally"]?["yes"], .string("3000"))

        let result = try ProposalResult(json: json)
        XCTAssertEqual(result, Self.proposalResult())
        XCTAssertEqual(result.proposal.id, 1)
        XCTAssertEqual(result.proposal.blocksLeft, 4)
        XCTAssertEqual(result.proposal.tally?.yes, 3000)
        XCTAssertEqual(result.proposal.content.fields["compute.protocol_fee_bps"], "36")
        XCTAssertEqual(result.votes.count, 2)
        let text = GovernancePresentation.proposalText(result, table: Self.rows)
        for expected in [
            "Proposal 1: parameter_change", "status: voting: 4 blocks left (votes are accepted up to height 12)", "deposit: 100 AI",
            "compute.protocol_fee_bps: → 36 bps", "Tally so far (if voting ended now)", "yes: 3000 (75% of yes + no)",
            "yes stake: 600 AI (75% of yes + no stake)", "participation: 800 AI of 1000 AI staked (80%)", "quorum: reached (needs 51%)", "result: would pass",
            "Votes (2)", "\(Self.voter.text)  no",
        ] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }

        let passedJSON = Self.proposalResult(status: .passed, votes: false).json
        XCTAssertNil(passedJSON["proposal"]?["blocks_left"], "blocks_left is left out once voting ended")
        let passed = try ProposalResult(json: passedJSON)
        XCTAssertNil(passed.proposal.blocksLeft)
        XCTAssertEqual(passed.votes, [])
        let passedText = GovernancePresentation.proposalText(passed, table: Self.rows)
        XCTAssertTrue(passedText.contains("executes at the end of block 14") && passedText.contains("Final tally"), passedText)
        XCTAssertTrue(passedText.contains("No votes yet."), passedText)

        let list = try ProposalList(json: ProposalsResult(height: 9, proposals: [Self.proposalResult().proposal]).json)
        let listText = GovernancePresentation.listText(list, status: nil)
        XCTAssertTrue(listText.hasPrefix("1 proposal at height 9"), listText)
        XCTAssertTrue(listText.contains("yes 75%, quorum so far") && listText.contains("compute.protocol_fee_bps → 36 bps"), listText)
        XCTAssertEqual(
            GovernancePresentation.listText(try ProposalList(json: ProposalsResult(height: 9, proposals: []).json), status: "passed"),
            "No passed proposals at height 9.")
    }

    func testMalformedProposalAnswersNameTheMember() {
        let json = Self.proposalResult().json
        XCTAssertThrowsError(try ProposalResult(json: json.replacing(["proposal", "tally"], with: .object([("yes", .uint(3))])))) {
            XCTAssertTrue("\($0)".contains("result.proposal.tally.yes"), "\($0)")
        }
        XCTAssertThrowsError(try ProposalResult(json: json.replacing(["proposal", "blocks_left"], with: .string("4")))) {
            XCTAssertTrue("\($0)".contains("result.proposal.blocks_left"), "\($0)")
        }
        XCTAssertThrowsError(try ProposalResult(json: json.removing(["proposal", "voting_end_height"]))) {
            XCTAssertTrue("\($0)".contains("result.proposal.voting_end_height"), "\($0)")
        }
        XCTAssertThrowsError(try ProposalResult(json: json.replacing(["votes", "1", "voter"], with: .string("pm1nope")))) {
            XCTAssertTrue("\($0)".contains("result.votes[1].voter"), "\($0)")
        }
        let list = ProposalsResult(height: 1, proposals: [Self.proposalResult().proposal]).json
        XCTAssertThrowsError(try ProposalList(json: list.replacing(["proposals", "0"], with: .object([])))) {
            XCTAssertTrue("\($0)".contains("result.proposals[0]"), "\($0)")
        }
    }

    func testPreviewAnswerPrintsBeforeAndAfter() throws {
        let before = Self.parameters()
        var after = before
        after.compute.protocolFeeBps = 36
        let spec = try XCTUnwrap(ParameterRegistry.spec(named: "compute.protocol_fee_bps"))
        var computed = ProposalPreview(Self.proposal(), height: 9)
        computed.wouldExecute = true
        computed.changes = [ParameterChangeView(spec, before: before, after: after)]
        computed.projection = ProjectionView(
            fromEpoch: 0, emissionBefore: [5, 5], emissionAfter: [5, 5], feesBefore: FeeFiguresView(before), feesAfter: FeeFiguresView(after))
        let preview = try ProposalPreview(json: computed.json)
        XCTAssertEqual(preview, computed)
        XCTAssertEqual(preview.atHeight, 10)
        let text = GovernancePresentation.previewText(preview) { rows in rows.map { "\($0.0)  \($0.1)" }.joined(separator: "\n") }
        for expected in ["as if it executed in block 10: it would execute", "compute.protocol_fee_bps  30 bps → 36 bps", "0.3 AI → 0.36 AI"] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }
        XCTAssertTrue(GovernancePresentation.previewText(preview, status: "executed") { _ in "" }.contains("will not execute again"))

        let spend = Self.proposal(id: 2, content: .treasurySpend(recipient: Self.voter, amount: 6 * Tokens.one))
        var failing = ProposalPreview(spend, height: 9)
        failing.error = ProposalPreview.Failure(code: 151, name: "treasury_insufficient", message: "the treasury holds less")
        let failingJSON = failing.json
        XCTAssertNil(failingJSON["changes"], "only the kind's own section is sent")
        XCTAssertTrue(GovernancePresentation.previewText(try ProposalPreview(json: failingJSON)) { _ in "" }
            .contains("it would fail: treasury_insufficient (code 151)"))

        let treasury = ModuleAccount.treasury.address
        var spending = ProposalPreview(spend, height: 9)
        spending.wouldExecute = true
        spending.balances = [
            AccountChangeView(address: treasury, before: 10 * Tokens.one, after: 4 * Tokens.one),
            AccountChangeView(address: Self.voter, before: 0, after: 6 * Tokens.one),
        ]
        let spendText = GovernancePresentation.previewText(try ProposalPreview(json: spending.json)) { rows in
            rows.map { "\($0.0)  \($0.1)" }.joined(separator: "\n")
        }
        XCTAssertTrue(spendText.contains("treasury  10 AI → 4 AI") && spendText.contains("\(Self.voter.text)  0 AI → 6 AI"), spendText)
    }

    func testClientChecksGovernanceAnswers() async throws {
        let server = try CannedRPCServer { method, params in
            let id = (try? ProposalParams(json: params, path: "params"))?.id
            switch method {
            case "pm_getProposal":
                // Proposal 1's answer, also when asked for 3.
                if id == 1 || id == 3 { return CannedRPCServer.result(Self.proposalResult()) }
                if id == 2 { return CannedRPCServer.result(Self.proposalResult(id: 2).json.removing(["proposal", "kind"])) }
                return CannedRPCServer.error(.notFound, "there is no proposal 9")
            case "pm_getParameters": return CannedRPCServer.result(ParametersResult(height: 9, parameters: Self.parameters()))
            default: return CannedRPCServer.error(.methodNotFound, "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let one = try await client.proposalIfAny(1)
        XCTAssertEqual(one?.proposal.status, "voting")
        XCTAssertEqual(one?.votes.count, 2)
        let missing = try await client.proposalIfAny(9)
        XCTAssertNil(missing)
        do {
            _ = try await client.proposal(2)
            XCTFail("expected an error")
        } catch {
            guard case let .malformedResponse(_, method, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "pm_getProposal")
            XCTAssertTrue(reason.contains("result.proposal.kind"), reason)
        }
        do {
            _ = try await client.proposal(3)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("it answered for proposal 1, not 3"), "\(error)")
        }
        let parameters = try await client.parameters()
        XCTAssertEqual(parameters.maxChangeBps, 2000)
        XCTAssertEqual(parameters.timelockBlocks, 2)
    }

    // MARK: - Receipts

    func testGovernanceEventsAreTold() throws {
        let events: [Event] = [
            .proposed(id: 4, proposer: Self.proposer, kind: ProposalKind.text.rawValue, deposit: 100 * Tokens.one, votingEndHeight: 40),
            .voted(id: 4, voter: Self.voter, option: VoteOption.abstain.rawValue),
        ]
        let json = ReceiptView(Receipt(transactionId: Hash32.digest([4]), code: 0, feeCharged: Tokens.one / 1000, events: events)).json
        // Both events name the proposal `proposal_id`.
        XCTAssertEqual(json["events"]?[0]?["proposal_id"], .uint(4))
        XCTAssertEqual(json["events"]?[1]?["proposal_id"], .uint(4))
        XCTAssertNil(json["events"]?[0]?["id"])
        let receipt = try ReceiptView(json: json, path: "receipt")
        XCTAssertEqual(receipt.eventLines, [
            "opened proposal 4 (text) with a deposit of 100 AI; votes are accepted up to height 40",
            "voted abstain on proposal 4",
        ])
    }
}
