import Foundation
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

    static func parametersJSON() -> JSONValue {
        func rule(_ quorum: UInt64, _ days: UInt64) -> JSONValue {
            .object([("quorum_bps", .uint(quorum)), ("voting_blocks", .uint(days)), ("voting_days", .uint(days))])
        }
        return .object([
            ("min_fee", .string("1000000000000000")),
            ("fee_split_bps", .object([("burn", .uint(4000)), ("liquidity", .uint(1000)), ("reward_pool", .uint(3000)), ("treasury", .uint(2000))])),
            ("compute", .object([("protocol_fee_bps", .uint(30))])),
            ("staking", .object([("min_stake", .string("100000000000000000000")), ("tier_multipliers_bps", .array([.uint(10000), .uint(12000)]))])),
            ("governance", .object([
                ("block_time_ms", .uint(86_400_000)), ("max_active_proposals", .uint(100)), ("max_change_bps", .uint(2000)),
                ("min_deposit", .string("100000000000000000000")), ("min_proposer_power", .string("20000000000")),
                ("pass_threshold_bps", .uint(5000)),
                ("rules", .object([
                    ("parameter_change", rule(5100, 10)), ("slash", rule(6000, 7)), ("text", rule(5100, 10)),
                    ("treasury_spend", rule(6000, 10)), ("upgrade", rule(7500, 14)),
                ])),
                ("timelock_blocks", .uint(2)), ("voter_min_stake", .string("100000000000000000000")),
            ])),
        ])
    }

    func testParametersAnswerGivesRulesAndValuesInForce() throws {
        let parameters = try ChainParameters(json: Self.parametersJSON())
        XCTAssertEqual(parameters.minDeposit, 100 * Tokens.one)
        XCTAssertEqual(parameters.minProposerPower, 20_000_000_000)
        XCTAssertEqual(parameters.timelockBlocks, 2)
        XCTAssertEqual(parameters.votingBlocks["upgrade"], 14)
        XCTAssertEqual(parameters.current("compute.protocol_fee_bps"), 30)
        XCTAssertEqual(parameters.current("min_fee"), Tokens.one / 1000)
        XCTAssertEqual(parameters.current("fee_split_bps.burn"), 4000)
        XCTAssertEqual(parameters.current("staking.min_stake"), 100 * Tokens.one)
        XCTAssertEqual(parameters.current("staking.tier_multipliers_bps.1"), 12_000)
        XCTAssertNil(parameters.current("staking.tier_multipliers_bps.4"))
        XCTAssertEqual(parameters.current("governance.quorum_bps.text"), 5100)
        XCTAssertEqual(parameters.current("governance.voting_days.upgrade"), 14)
        XCTAssertEqual(parameters.current("governance.timelock_blocks"), 2)

        guard case var .object(members) = Self.parametersJSON() else { return XCTFail() }
        members.removeAll { $0.0 == "governance" }
        XCTAssertThrowsError(try ChainParameters(json: .object(members))) { XCTAssertTrue("\($0)".contains("result.governance"), "\($0)") }
    }

    static func proposalJSON(status: String = "voting", votes: Bool = true, tallyFinal: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("content", .object([("fields", .object([("compute.protocol_fee_bps", .string("36"))])), ("kind", .string("parameter_change"))])),
            ("deposit", .string("100000000000000000000")), ("execute_height", status == "voting" ? .null : .uint(14)),
            ("failure", .null), ("id", .uint(1)), ("kind", .string("parameter_change")), ("pass_threshold_bps", .uint(5000)),
            ("proposer", .string(proposer.text)), ("quorum_bps", .uint(5100)), ("status", .string(status)),
            ("submit_height", .uint(3)),
            ("tally", .object([
                ("abstain", .string("0")), ("final", .bool(tallyFinal)), ("no", .string("1000")), ("participation", .string("28284271246")),
                ("passes", .bool(true)), ("quorum_reached", .bool(true)), ("total_stake_power", .string("38284271246")),
                ("yes", .string("3000")),
            ])),
            ("voters", .uint(2)), ("voting_end_height", .uint(12)),
        ]
        if status == "voting" { members.append(("blocks_left", .uint(4))) }
        if votes {
            members.append(("votes", .array([
                .object([("option", .string("yes")), ("voter", .string(proposer.text))]),
                .object([("option", .string("no")), ("voter", .string(voter.text))]),
            ])))
        }
        return .object(members)
    }

    func testProposalAnswerDecodesAndPrints() throws {
        let proposal = try ProposalView(json: Self.proposalJSON(), path: "result")
        XCTAssertEqual(proposal.id, 1)
        XCTAssertEqual(proposal.blocksLeft, 4)
        XCTAssertEqual(proposal.tally?.yes, 3000)
        XCTAssertEqual(proposal.votes?.count, 2)
        let text = GovernancePresentation.proposalText(proposal) { rows in rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }
        for expected in [
            "Proposal 1: parameter_change", "status: voting: 4 blocks left (votes are accepted up to height 12)", "deposit: 100 AI",
            "compute.protocol_fee_bps: → 36 bps", "Tally so far (if voting ended now)", "yes: 3000 (75% of yes + no)",
            "participation: 28284271246 of 38284271246 staked power (73.87%)", "quorum: reached (needs 51%)", "result: would pass",
            "Votes (2)", "\(Self.voter.text)  no",
        ] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }

        let passed = try ProposalView(json: Self.proposalJSON(status: "passed", votes: false, tallyFinal: true), path: "result")
        XCTAssertNil(passed.blocksLeft)
        XCTAssertNil(passed.votes)
        let passedText = GovernancePresentation.proposalText(passed) { rows in rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n") }
        XCTAssertTrue(passedText.contains("executes at the end of block 14") && passedText.contains("Final tally"), passedText)

        let list = try ProposalList(json: .object([("height", .uint(9)), ("proposals", .array([Self.proposalJSON(votes: false)]))]))
        let listText = GovernancePresentation.listText(list, status: nil)
        XCTAssertTrue(listText.hasPrefix("1 proposal at height 9"), listText)
        XCTAssertTrue(listText.contains("yes 75%, quorum so far") && listText.contains("compute.protocol_fee_bps → 36 bps"), listText)
        XCTAssertEqual(
            GovernancePresentation.listText(try ProposalList(json: .object([("height", .uint(9)), ("proposals", .array([]))])), status: "passed"),
            "No passed proposals at height 9.")
    }

    func testMalformedProposalAnswersNameTheMember() {
        guard case var .object(members) = Self.proposalJSON() else { return XCTFail() }
        let index = members.firstIndex { $0.0 == "tally" }!
        members[index] = ("tally", .object([("yes", .uint(3))]))
        XCTAssertThrowsError(try ProposalView(json: .object(members), path: "result")) {
            XCTAssertTrue("\($0)".contains("result.tally.yes"), "\($0)")
        }
        members.removeAll { $0.0 == "blocks_left" }
        XCTAssertThrowsError(try ProposalView(json: .object(members), path: "result")) {
            XCTAssertTrue("\($0)".contains("result.blocks_left"), "\($0)")
        }
        XCTAssertThrowsError(try ProposalList(json: .object([("height", .uint(1)), ("proposals", .array([.object([])]))]))) {
            XCTAssertTrue("\($0)".contains("result.proposals[0]"), "\($0)")
        }
    }

    func testPreviewAnswerPrintsBeforeAndAfter() throws {
        let fees = { (fee: String) -> JSONValue in
            .object([("min_fee", .string("1000000000000000")), ("min_fee_split", .object([])), ("protocol_fee_on_100_ai", .string(fee))])
        }
        let preview = try ProposalPreview(json: .object([
            ("at_height", .uint(10)), ("changes", .array([.object([
                ("after", .string("36")), ("before", .string("30")), ("name", .string("compute.protocol_fee_bps")), ("unit", .string("basis points")),
            ])])),
            ("error", .null), ("height", .uint(9)), ("id", .uint(1)), ("kind", .string("parameter_change")),
            ("projection", .object([
                ("emission_after", .array([.string("5"), .string("5")])), ("emission_before", .array([.string("5"), .string("5")])),
                ("fees_after", fees("360000000000000000")), ("fees_before", fees("300000000000000000")), ("from_epoch", .uint(0)),
            ])),
            ("would_execute", .bool(true)),
        ]))
        let text = GovernancePresentation.previewText(preview) { rows in rows.map { "\($0.0)  \($0.1)" }.joined(separator: "\n") }
        for expected in ["as if it executed in block 10: it would execute", "compute.protocol_fee_bps  30 bps → 36 bps", "0.3 AI → 0.36 AI"] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in\n\(text)")
        }
        XCTAssertTrue(GovernancePresentation.previewText(preview, status: "executed") { _ in "" }.contains("will not execute again"))

        let treasury = ModuleAccount.treasury.address.text
        let failing = try ProposalPreview(json: .object([
            ("at_height", .uint(10)), ("height", .uint(9)), ("id", .uint(2)), ("kind", .string("treasury_spend")), ("would_execute", .bool(false)),
            ("error", .object([("code", .uint(151)), ("name", .string("treasury_insufficient")), ("message", .string("the treasury holds less"))])),
        ]))
        XCTAssertTrue(GovernancePresentation.previewText(failing) { _ in "" }.contains("it would fail: treasury_insufficient (code 151)"))
        let spending = try ProposalPreview(json: .object([
            ("at_height", .uint(10)), ("height", .uint(9)), ("id", .uint(2)), ("kind", .string("treasury_spend")), ("would_execute", .bool(true)),
            ("error", .null), ("balances", .array([
                .object([("address", .string(treasury)), ("before", .string("10000000000000000000")), ("after", .string("4000000000000000000"))]),
                .object([("address", .string(Self.voter.text)), ("before", .string("0")), ("after", .string("6000000000000000000"))]),
            ])),
        ]))
        let spendText = GovernancePresentation.previewText(spending) { rows in rows.map { "\($0.0)  \($0.1)" }.joined(separator: "\n") }
        XCTAssertTrue(spendText.contains("treasury  10 AI → 4 AI") && spendText.contains("\(Self.voter.text)  0 AI → 6 AI"), spendText)
    }

    func testClientChecksGovernanceAnswers() async throws {
        let server = try CannedRPCServer { method, params in
            switch method {
            case "pm_getProposal":
                // Proposal 1's answer, also when asked for 3.
                if params["id"]?.uint64Value == 1 || params["id"]?.uint64Value == 3 { return CannedRPCServer.result(Self.proposalJSON()) }
                if params["id"]?.uint64Value == 2 { return CannedRPCServer.result(.object([("id", .uint(2))])) }
                return CannedRPCServer.error(code: -32002, message: "there is no proposal 9")
            case "pm_getParameters": return CannedRPCServer.result(Self.parametersJSON())
            default: return CannedRPCServer.error(code: -32601, message: "method not found")
            }
        }
        defer { server.stop() }
        let client = NodeClient(url: server.url)
        let one = try await client.proposalIfAny(1)
        XCTAssertEqual(one?.status, "voting")
        let missing = try await client.proposalIfAny(9)
        XCTAssertNil(missing)
        do {
            _ = try await client.proposal(2)
            XCTFail("expected an error")
        } catch {
            guard case let .malformedResponse(_, method, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(method, "pm_getProposal")
            XCTAssertTrue(reason.contains("result.kind"), reason)
        }
        do {
            _ = try await client.proposal(3)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue("\(error)".contains("it answered for proposal 1, not 3"), "\(error)")
        }
        let parameters = try await client.parameters()
        XCTAssertEqual(parameters.maxChangeBps, 2000)
    }

    // MARK: - Receipts

    func testGovernanceEventsAreTold() throws {
        let receipt = try ReceiptSummary(json: .object([
            ("code", .int(0)), ("status", .string("ok")), ("message", .null), ("fee_charged", .string("1000000000000000")),
            ("events", .array([
                .object([("type", .string("proposed")), ("id", .uint(4)), ("proposer", .string(Self.proposer.text)), ("kind", .string("text")),
                         ("deposit", .string("100000000000000000000")), ("voting_end_height", .uint(40))]),
                .object([("type", .string("voted")), ("id", .uint(4)), ("voter", .string(Self.voter.text)), ("option", .string("abstain"))]),
            ])),
        ]), path: "receipt")
        XCTAssertEqual(receipt.eventLines, [
            "opened proposal 4 (text) with a deposit of 100 AI; votes are accepted up to height 40",
            "voted abstain on proposal 4",
        ])
    }
}
