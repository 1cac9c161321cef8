import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Governance through the real executables on a devnet where a governance day is one block: dev accounts stake to
/// become eligible, propose (a protocol-fee change, a treasury spend, a text) and vote with `proofmint`; the dry run
/// shows the change before and after; at the tally the passed proposals wait out their timelock and execute, after
/// which the chain's parameters hold the new fee, a compute payment pays it to the base unit, the recipient of the
/// spend has exactly the amount more, and the rejected text proposal's deposit is burned.
final class GovernanceEndToEndTests: XCTestCase {
    /// Voting periods in blocks (governance.block_time_ms is a day, so a day is one block).
    private static let votingBlocks = 12
    private static let timelock = 2
    private static let fee = Tokens.one / 1000
    private static let deposit = 100 * Tokens.one
    private static let spend = 5000 * Tokens.one
    private static let documentHash = String(repeating: "5e", count: 32)

    private var work = ""
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("governance")
        // genesis/devnet.json with days of one block, 12-day votes and a 2-block timelock; the rest at its defaults.
        let genesisPath = try Paths.devnetGenesis(writingTo: work + "/governance-genesis.json", parameters: [
            "governance": [
                "block_time_ms": 86_400_000, "timelock_blocks": Self.timelock,
                "voting_days": ["parameter_change": Self.votingBlocks, "treasury_spend": Self.votingBlocks, "text": Self.votingBlocks],
            ] as [String: Any],
        ])
        // Instant mining: one block per transaction and none otherwise, so the test moves to the tally with pm_mine.
        devnet = try WalletDevnet(label: "governance", genesis: genesisPath, nodeArguments: ["--mining", "instant"], devKeys: 5)
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    // MARK: - Helpers

    @discardableResult
    private func wallet(_ arguments: [String]) throws -> CommandResult { try devnet.wallet(arguments) }

    private func amount(_ value: Any?) throws -> Amount {
        try XCTUnwrap((value as? String).flatMap(Tokens.parseBaseUnits), "not an amount: \(String(describing: value))")
    }

    private func height() throws -> Int { try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int) }

    private func mine(to target: Int) throws {
        let now = try height()
        if now < target { _ = try node.call("pm_mine", ["blocks": target - now]) }
        XCTAssertEqual(try height(), target)
    }

    private func address(_ index: Int) throws -> String { try DevAccounts.address(index: index).text }

    private func burned() throws -> Amount { try amount(try node.callObject("pm_getSupply")["burned"]) }

    private func protocolFeeBps() throws -> Int {
        let parameters = try XCTUnwrap(try node.callObject("pm_getParameters")["parameters"] as? [String: Any])
        return try XCTUnwrap(parameters["compute.protocol_fee_bps"] as? Int)
    }

    /// Sends a proposal and returns its id and last voting height, read from the receipt's `proposed` event.
    private func propose(_ arguments: [String]) throws -> (id: Int, votingEnd: Int) {
        let output = try wallet(["tx", "propose"] + arguments + ["--json"]).json()
        let receipt = try XCTUnwrap(output["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let event = try XCTUnwrap((receipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "proposed" })
        XCTAssertEqual(event["deposit"] as? String, String(Self.deposit), "the default deposit is the chain's minimum")
        let id = try XCTUnwrap(event["proposal_id"] as? Int), end = try XCTUnwrap(event["voting_end_height"] as? Int)
        XCTAssertEqual(end, try XCTUnwrap(output["height"] as? Int) + Self.votingBlocks - 1)
        return (id, end)
    }

    private func vote(_ name: String, _ id: Int, _ option: String) throws {
        let output = try wallet(["tx", "vote", "--from", name, "--proposal", String(id), "--option", option, "--json"]).json()
        XCTAssertEqual((output["receipt"] as? [String: Any])?["status"] as? String, "ok")
    }

    /// `query proposal --json`: the node's `pm_getProposal` answer, `{"height", "proposal", "votes"}`.
    private func proposalAnswer(_ id: Int) throws -> [String: Any] { try wallet(["query", "proposal", String(id), "--json"]).json() }

    private func proposal(_ id: Int) throws -> [String: Any] { try XCTUnwrap(try proposalAnswer(id)["proposal"] as? [String: Any]) }

    // MARK: - The test

    func testProposalsPassExecuteAfterTheTimelockOrBurnTheirDeposit() throws {
        let dev1 = try address(1), dev2 = try address(2), dev3 = try address(3), dev4 = try address(4)

        // Voters need 100 AI staked; dev3 stakes as the compute provider and does not vote.
        // 300 AI each: with validator-0's 100 AI genesis bond in the stake power (protocol version 2), dev1 and dev2
        // still hold more than the 60% quorum of a treasury spend.
        for (name, stake) in [("dev1", "300AI"), ("dev2", "300AI"), ("dev3", "100AI")] {
            try wallet(["tx", "stake", "--from", name, "--amount", stake])
        }

        // A misspelt parameter is refused before anything is signed, with a suggestion.
        let typo = try devnet.walletResult(["tx", "propose", "param", "--from", "dev1", "--set", "protocol_fee_bps=36"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("did you mean 'compute.protocol_fee_bps'"), typo.stderr)
        // So is a step beyond 20% of the value in force (30 bps may move to 24–36).
        let tooFar = try devnet.walletResult(["tx", "propose", "param", "--from", "dev1", "--set", "compute.protocol_fee_bps=37"])
        XCTAssertEqual(tooFar.status, 1)
        XCTAssertTrue(tooFar.stderr.contains("from 24 bps to 36 bps"), tooFar.stderr)

        // Three proposals, each locking the default deposit.
        let dev1Before = try devnet.balance(dev1)
        let fee = try propose(["param", "--from", "dev1", "--set", "compute.protocol_fee_bps=36"])
        let spend = try propose(["treasury", "--from", "dev1", "--to", "dev4", "--amount", "5000AI"])
        let text = try propose(["text", "--from", "dev2", "--title", "Move the devnet to 2-second blocks", "--document-hash", Self.documentHash])
        XCTAssertEqual(try devnet.balance(dev1), dev1Before - 2 * (Self.deposit + Self.fee))

        // The dry run: 30 → 36 bps, and the protocol fee on 100 AI from 0.3 to 0.36 AI.
        let preview = try wallet(["query", "proposal", String(fee.id), "--preview", "--json"]).json()
        let dryRun = try XCTUnwrap(preview["preview"] as? [String: Any])
        XCTAssertEqual(dryRun["would_execute"] as? Bool, true)
        let change = try XCTUnwrap((dryRun["changes"] as? [[String: Any]])?.first)
        XCTAssertEqual(change["name"] as? String, "compute.protocol_fee_bps")
        XCTAssertEqual(change["before"] as? String, "30")
        XCTAssertEqual(change["after"] as? String, "36")
        let projection = try XCTUnwrap(dryRun["projection"] as? [String: Any])
        XCTAssertEqual(try amount((projection["fees_before"] as? [String: Any])?["protocol_fee_on_100_ai"]), 3 * Tokens.one / 10)
        XCTAssertEqual(try amount((projection["fees_after"] as? [String: Any])?["protocol_fee_on_100_ai"]), 36 * Tokens.one / 100)
        let previewText = try wallet(["query", "proposal", String(fee.id), "--preview"]).stdout
        XCTAssertTrue(previewText.contains("compute.protocol_fee_bps  30 bps → 36 bps"), previewText)
        XCTAssertTrue(previewText.contains("0.3 AI → 0.36 AI"), previewText)

        // An account without stake may not vote: included, refused by the chain (exit code 2), fee charged.
        let refused = try devnet.walletResult(["tx", "vote", "--from", "dev4", "--proposal", String(fee.id), "--option", "yes", "--json"])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("not_eligible_to_vote"), refused.stderr)
        let refusedReceipt = try XCTUnwrap(try refused.json()["receipt"] as? [String: Any])
        XCTAssertEqual(refusedReceipt["status"] as? String, "not_eligible_to_vote")
        XCTAssertEqual(refusedReceipt["fee_charged"] as? String, String(Self.fee))

        // dev1 and dev2 pass the fee change and the spend, and sink the text (an abstention and a no).
        for id in [fee.id, spend.id] {
            try vote("dev1", id, "yes")
            try vote("dev2", id, "yes")
        }
        try vote("dev1", text.id, "abstain")
        try vote("dev2", text.id, "no")
        XCTAssertLessThan(try height(), fee.votingEnd, "every vote landed inside the voting period")

        // The tally so far: dev1 and dev2 hold 63% of the √stake (the quorum is 51%), and all voted yes.
        let runningAnswer = try proposalAnswer(fee.id)
        let running = try XCTUnwrap(runningAnswer["proposal"] as? [String: Any])
        XCTAssertEqual(running["status"] as? String, "voting")
        XCTAssertEqual(running["blocks_left"] as? Int, fee.votingEnd - (try height()))
        let tally = try XCTUnwrap(running["tally"] as? [String: Any])
        XCTAssertEqual(tally["final"] as? Bool, false)
        XCTAssertEqual(tally["quorum_reached"] as? Bool, true)
        XCTAssertEqual(tally["passes"] as? Bool, true)
        XCTAssertEqual(tally["no"] as? String, "0")
        XCTAssertEqual((runningAnswer["votes"] as? [[String: Any]])?.compactMap { $0["voter"] as? String }, [dev1, dev2])
        let runningText = try wallet(["query", "proposal", String(fee.id)]).stdout
        XCTAssertTrue(runningText.contains("Tally so far") && runningText.contains("would pass"), runningText)

        // The fee change's tally: passed, deposit back, executes after the timelock; the fee is still 30 until then.
        let treasuryBefore = try devnet.balance(ModuleAccount.treasury.address.text)
        let dev1BeforeTally = try devnet.balance(dev1), dev2BeforeTally = try devnet.balance(dev2), dev4Before = try devnet.balance(dev4)
        let burnedBefore = try burned()
        try mine(to: fee.votingEnd)
        let passed = try proposal(fee.id)
        XCTAssertEqual(passed["status"] as? String, "passed")
        XCTAssertEqual(passed["execute_height"] as? Int, fee.votingEnd + Self.timelock)
        XCTAssertEqual((passed["tally"] as? [String: Any])?["final"] as? Bool, true)
        XCTAssertEqual(try devnet.balance(dev1), dev1BeforeTally + Self.deposit)
        try mine(to: fee.votingEnd + Self.timelock - 1)
        XCTAssertEqual(try protocolFeeBps(), 30, "nothing changes during the timelock")

        // Past every tally and timelock (empty blocks: no fees move).
        try mine(to: max(fee.votingEnd, spend.votingEnd, text.votingEnd) + Self.timelock)
        XCTAssertEqual(try proposal(fee.id)["status"] as? String, "executed")
        XCTAssertEqual(try proposal(spend.id)["status"] as? String, "executed")
        let rejected = try proposal(text.id)
        XCTAssertEqual(rejected["status"] as? String, "rejected")
        XCTAssertEqual((rejected["tally"] as? [String: Any])?["quorum_reached"] as? Bool, true)
        XCTAssertEqual((rejected["tally"] as? [String: Any])?["passes"] as? Bool, false)
        let list = try wallet(["query", "proposals", "--json"]).json()
        XCTAssertEqual((list["proposals"] as? [[String: Any]])?.compactMap { $0["status"] as? String }, ["executed", "executed", "rejected"])
        XCTAssertEqual((try wallet(["query", "proposals", "--status", "rejected", "--json"]).json()["proposals"] as? [Any])?.count, 1)
        XCTAssertTrue(try wallet(["query", "proposals"]).stdout.contains("3 proposals at height"))
        // docs/RPC.md: a finished proposal has nothing to preview; it is not re-run on the current state.
        let finished = try node.callObject("pm_previewProposal", ["id": fee.id])
        XCTAssertEqual(finished["would_execute"] as? Bool, false)
        XCTAssertEqual((finished["error"] as? [String: Any])?["name"] as? String, "finished")
        XCTAssertEqual((finished["error"] as? [String: Any])?["code"] as? Int, 0)
        XCTAssertNil(finished["changes"], "no dry run for an executed proposal")

        // The spend moved exactly 5000 AI; both deposits of dev1 came back, dev2's was burned.
        XCTAssertEqual(try devnet.balance(dev4), dev4Before + Self.spend)
        XCTAssertEqual(try devnet.balance(ModuleAccount.treasury.address.text), treasuryBefore - Self.spend)
        XCTAssertEqual(try devnet.balance(dev1), dev1BeforeTally + 2 * Self.deposit)
        XCTAssertEqual(try devnet.balance(dev2), dev2BeforeTally)
        XCTAssertEqual(try burned(), burnedBefore + Self.deposit)

        // The next blocks use the new fee: a 10 AI compute payment pays 0.36% (0.036 AI) to the protocol.
        XCTAssertEqual(try protocolFeeBps(), 36)
        let receiptPath = work + "/job.json"
        try wallet([
            "receipt", "sign", "--from", "dev1", "--provider", "dev3", "--units", "1000", "--quality", "95", "--price", "10AI",
            "--workload", "llama-3-8b", "--model-hash", String(repeating: "ab", count: 32), "--input-hash", String(repeating: "cd", count: 32),
            "--output-hash", String(repeating: "ef", count: 32), "--out", receiptPath,
        ])
        let consumerBefore = try devnet.balance(dev1), providerBefore = try devnet.balance(dev3)
        let submitted = try wallet(["tx", "submit-proof", "--from", "dev3", "--receipt", receiptPath, "--json"]).json()
        let receipt = try XCTUnwrap(submitted["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let protocolFee = 10 * Tokens.one * 36 / 10_000
        XCTAssertEqual(protocolFee, 36 * Tokens.one / 1000)
        let accepted = try XCTUnwrap((receipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "proof_accepted" })
        XCTAssertEqual(try amount(accepted["protocol_fee"]), protocolFee)
        XCTAssertEqual(try devnet.balance(dev1), consumerBefore - 10 * Tokens.one)
        let validationFee = 10 * Tokens.one * 50 / 10_000  // protocol version 3: 0.5% to the validation account
        XCTAssertEqual(try amount(accepted["validation_fee"]), validationFee)
        XCTAssertEqual(try devnet.balance(dev3), providerBefore + 10 * Tokens.one - protocolFee - validationFee - Self.fee)
    }
}
