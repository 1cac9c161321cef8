import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Sampled validation and challenges (protocol version 3) through the real executables, on the devnet genesis with its
/// default windows, as README's tour runs them: validator-0 (the only compute validator at genesis, its key public)
/// is assigned a receipt worth 100 AI (always sampled), passes it, and the provider is paid when the epoch settles;
/// and a consumer's challenge that validator-0 upholds slashes and jails the provider and rewards the challenger.
final class VerificationEndToEndTests: XCTestCase {
    private static let hashA = String(repeating: "ab", count: 32)

    private var work = ""
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }
    private var validator = ""

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("verification")
        // Instant mining: a block per transaction, none otherwise; the test mines the rest with pm_mine.
        devnet = try WalletDevnet(label: "verification", devKeys: 4)
        // The devnet's validator key is public: the node home keeps it; the wallet imports its seed.
        let keyFile = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: devnet.home + "/validator_key.json"))) as? [String: Any]
        let seedPath = work + "/validator-0.seed"
        try XCTUnwrap(keyFile?["seed"] as? String).write(toFile: seedPath, atomically: true, encoding: .utf8)
        try devnet.wallet(["keys", "import", "validator-0", "--seed-file", seedPath])
        validator = try XCTUnwrap(try devnet.wallet(["keys", "show", "validator-0", "--json"]).json()["address"] as? String)
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func amount(_ value: Any?) throws -> Amount {
        try XCTUnwrap((value as? String).flatMap(Tokens.parseBaseUnits), "not an amount: \(String(describing: value))")
    }

    private func height() throws -> Int { try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int) }

    private func mine(to target: Int) throws {
        let now = try height()
        if now < target { _ = try node.call("pm_mine", ["blocks": target - now]) }
    }

    /// dev1 signs a 100 AI receipt for `provider`; the provider submits it. Returns the job id.
    private func submitReceipt(provider: String, name: String) throws -> String {
        let input = work + "/\(name)-input.txt", output = work + "/\(name)-output.txt"
        try "a prompt".write(toFile: input, atomically: true, encoding: .utf8)
        try "an answer".write(toFile: output, atomically: true, encoding: .utf8)
        let path = work + "/\(name).json"
        let signed = try devnet.wallet([
            "receipt", "sign", "--from", "dev1", "--provider", provider, "--units", "1000", "--quality", "95", "--price", "100AI",
            "--workload", "llama-3-8b", "--model-hash", Self.hashA, "--input-file", input, "--output-file", output, "--out", path, "--json",
        ]).json()
        let summary = try XCTUnwrap(signed["summary"] as? [String: Any])
        XCTAssertEqual(summary["model_hash"] as? String, Self.hashA)
        XCTAssertEqual(summary["input_hash"] as? String, Blake2b.hash256(Array("a prompt".utf8)).hex)
        XCTAssertEqual(summary["output_hash"] as? String, Blake2b.hash256(Array("an answer".utf8)).hex)
        let submitted = try devnet.wallet(["tx", "submit-proof", "--from", provider, "--receipt", path, "--json"]).json()
        XCTAssertEqual((submitted["receipt"] as? [String: Any])?["status"] as? String, "ok")
        return try XCTUnwrap(summary["job_id"] as? String)
    }

    func testASampledReceiptIsValidatedAndPaidAtSettlement() throws {
        let validators = try devnet.wallet(["query", "validators", "--json"]).json()
        let members = try XCTUnwrap(validators["validators"] as? [[String: Any]])
        XCTAssertEqual(members.count, 1)
        XCTAssertEqual(members.first?["address"] as? String, validator)
        XCTAssertEqual(try amount(members.first?["counted_stake"]), 100 * Tokens.one)
        XCTAssertEqual(try amount(validators["total_stake"]), 100 * Tokens.one)
        // As README does: a margin above compute.validator_min_stake, so one missed window (1%) does not drop it out.
        try devnet.wallet(["tx", "stake", "--from", "validator-0", "--amount", "100AI"])
        XCTAssertEqual(try amount(try devnet.wallet(["query", "validators", "--json"]).json()["total_stake"]), 200 * Tokens.one)

        try devnet.wallet(["tx", "stake", "--from", "dev2", "--amount", "500AI"])
        let job = try submitReceipt(provider: "dev2", name: "job")
        let pending = try devnet.wallet(["query", "receipt", job, "--json"]).json()
        let accepted = try XCTUnwrap(pending["record"] as? [String: Any])
        XCTAssertEqual(accepted["status"] as? String, "pending_sample")
        XCTAssertEqual(accepted["model_hash"] as? String, Self.hashA)

        // The next block draws it: worth compute.sample_value, it is always sampled, and validator-0 is the only choice.
        try mine(to: try XCTUnwrap(accepted["deadline"] as? Int))
        let assigned = try XCTUnwrap(try devnet.wallet(["query", "receipt", job, "--json"]).json()["record"] as? [String: Any])
        XCTAssertEqual(assigned["status"] as? String, "assigned")
        XCTAssertEqual(assigned["validator"] as? String, validator)
        let own = try devnet.wallet(["query", "validations", "--mine", "--json"]).json()
        XCTAssertEqual((own["validations"] as? [[String: Any]])?.compactMap { $0["job_id"] as? String }, [job])
        XCTAssertTrue(try devnet.wallet(["query", "validations", "--validator", "dev3"]).stdout.contains("No receipt"))
        XCTAssertTrue(try devnet.wallet(["query", "receipt", job]).stdout.contains("assigned to \(validator)"))

        // Refused before signing: not the assigned validator, a bad verdict, a slash rate on a pass.
        let wrong = try devnet.walletResult(["tx", "validate", job, "--from", "dev3", "--verdict", "pass", "--quality", "90"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("is assigned to"), wrong.stderr)
        let badVerdict = try devnet.walletResult(["tx", "validate", job, "--from", "validator-0", "--verdict", "fine", "--quality", "90"])
        XCTAssertEqual(badVerdict.status, 1)
        XCTAssertTrue(badVerdict.stderr.contains("unknown verdict"), badVerdict.stderr)
        let badSlash = try devnet.walletResult(["tx", "validate", job, "--from", "validator-0", "--verdict", "pass", "--quality", "90", "--slash-bps", "200"])
        XCTAssertEqual(badSlash.status, 1)
        XCTAssertTrue(badSlash.stderr.contains("sla_violation only"), badSlash.stderr)

        let verdict = try devnet.wallet(["tx", "validate", job, "--from", "validator-0", "--verdict", "pass", "--quality", "90", "--json"]).json()
        let receipt = try XCTUnwrap(verdict["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let given = try XCTUnwrap((receipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "verdict_given" })
        XCTAssertEqual(given["verdict"] as? String, "pass")
        let passed = try XCTUnwrap(try devnet.wallet(["query", "receipt", job, "--json"]).json()["record"] as? [String: Any])
        XCTAssertEqual(passed["status"] as? String, "passed")
        XCTAssertEqual(passed["verdict"] as? String, "pass")
        XCTAssertEqual((try devnet.wallet(["query", "validations", "--json"]).json()["validations"] as? [Any])?.count, 0)

        // The epoch settles once it has ended and every window closed; the provider is paid then, at most
        // compute.reward_cap_bps (50%) of the 100 AI its standing receipt paid.
        let epoch = try devnet.wallet(["query", "epoch", "--json"]).json()
        let end = try XCTUnwrap(epoch["end_height"] as? Int)
        let closesAt = try XCTUnwrap((epoch["work"] as? [String: Any])?["closes_at"] as? Int)
        try mine(to: max(end, closesAt) - 1)
        XCTAssertTrue(try devnet.wallet(["query", "epoch", "--epoch", "0", "--json"]).json()["settlement"] is NSNull)
        let provider = try DevAccounts.address(index: 2).text
        let before = try devnet.balance(provider)
        try mine(to: max(end, closesAt) + 1)
        let settled = try devnet.wallet(["query", "epoch", "--epoch", "0", "--json"]).json()
        let settlement = try XCTUnwrap(settled["settlement"] as? [String: Any], "\(settled)")
        XCTAssertFalse(settlement["finished_at"] is NSNull, "\(settlement)")
        let paid = try amount(settlement["paid"])
        // The emission (about 190 AI) and the pool exceed the cap: the only provider gets exactly the cap.
        XCTAssertEqual(paid, 50 * Tokens.one)
        XCTAssertEqual(try devnet.balance(provider), before + paid)
        XCTAssertTrue(try devnet.wallet(["query", "epoch", "--epoch", "0"]).stdout.contains("paid to providers"))

        // Joining the set needs the minimum stake (refused before signing without it); members can leave.
        let unstaked = try devnet.walletResult(["tx", "validator", "join", "--from", "dev1"])
        XCTAssertEqual(unstaked.status, 1)
        XCTAssertTrue(unstaked.stderr.contains("needs an unjailed stake of at least 100 AI"), unstaked.stderr)
        let joined = try devnet.wallet(["tx", "validator", "join", "--from", "dev2", "--json"]).json()
        let joinEvents = try XCTUnwrap((joined["receipt"] as? [String: Any])?["events"] as? [[String: Any]])
        XCTAssertTrue(joinEvents.contains { $0["type"] as? String == "validator_joined" && $0["validator"] as? String == provider }, "\(joinEvents)")
        let grown = try devnet.wallet(["query", "validators", "--json"]).json()
        XCTAssertEqual((grown["validators"] as? [Any])?.count, 2)
        XCTAssertEqual(try amount(grown["total_stake"]), 700 * Tokens.one)
        let again = try devnet.walletResult(["tx", "validator", "join", "--from", "dev2"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already a compute validator"), again.stderr)
        try devnet.wallet(["tx", "validator", "leave", "--from", "dev2"])
        XCTAssertEqual((try devnet.wallet(["query", "validators", "--json"]).json()["validators"] as? [Any])?.count, 1)
    }

    func testAChallengeUpheldByTheValidatorsSlashesTheProviderAndRewardsTheChallenger() throws {
        try devnet.wallet(["tx", "stake", "--from", "dev3", "--amount", "200AI"])
        let job = try submitReceipt(provider: "dev3", name: "bad-job")
        let consumer = try DevAccounts.address(index: 1).text, provider = try DevAccounts.address(index: 3).text

        // The provider cannot challenge its own receipt; the consumer can, bonding compute.challenge_bond (10 AI).
        let own = try devnet.walletResult(["tx", "challenge", job, "--from", "dev3"])
        XCTAssertEqual(own.status, 1)
        XCTAssertTrue(own.stderr.contains("provider"), own.stderr)
        let before = try devnet.balance(consumer)
        let challenged = try devnet.wallet(["tx", "challenge", job, "--from", "dev1", "--json"]).json()
        XCTAssertEqual((challenged["receipt"] as? [String: Any])?["status"] as? String, "ok")
        let open = try devnet.wallet(["query", "challenges", "--json"]).json()
        let listed = try XCTUnwrap((open["challenges"] as? [[String: Any]])?.first)
        XCTAssertEqual(listed["job_id"] as? String, job)
        XCTAssertEqual((listed["challenge"] as? [String: Any])?["outcome"] as? String, "open")
        XCTAssertEqual((listed["challenge"] as? [String: Any])?["challenger"] as? String, consumer)
        XCTAssertTrue(try devnet.wallet(["query", "challenges"]).stdout.contains("open, votes until height"))

        // validator-0 holds all the counted validator stake: its uphold decides at once.
        let vote = try devnet.wallet(["tx", "resolve", job, "--from", "validator-0", "--uphold", "--json"]).json()
        let receipt = try XCTUnwrap(vote["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let events = try XCTUnwrap(receipt["events"] as? [[String: Any]])
        let decided = try XCTUnwrap(events.first { $0["type"] as? String == "challenge_decided" }, "\(events)")
        XCTAssertEqual(decided["outcome"] as? String, "upheld")
        XCTAssertTrue(events.contains { $0["type"] as? String == "jailed" && $0["provider"] as? String == provider }, "\(events)")
        let slashed = try XCTUnwrap(events.first { $0["type"] as? String == "slashed" })
        XCTAssertEqual(slashed["reason"] as? String, "malicious")
        let slash = try amount(slashed["from_stake"]) + amount(slashed["from_unbonding"])
        // Bond back plus compute.challenger_reward_bps (50%) of the slash; the fee was the challenge tx's.
        let reward = try amount(decided["challenger_reward"])
        XCTAssertEqual(reward, slash / 2)
        XCTAssertEqual(try devnet.balance(consumer), before - Tokens.one / 1000 + reward)

        let record = try XCTUnwrap(try devnet.wallet(["query", "receipt", job, "--json"]).json()["record"] as? [String: Any])
        XCTAssertEqual(record["standing"] as? Bool, false)
        XCTAssertEqual(record["weight"] as? String, "0")
        XCTAssertEqual((record["challenge"] as? [String: Any])?["voted_by"] as? [String], [validator])
        XCTAssertEqual((try devnet.wallet(["query", "challenges", "--json"]).json()["challenges"] as? [Any])?.count, 0)
        XCTAssertEqual((try devnet.wallet(["query", "challenges", "--all", "--json"]).json()["challenges"] as? [Any])?.count, 1)
        let stake = try devnet.wallet(["query", "stake", "dev3", "--json"]).json()["stake"] as? [String: Any]
        XCTAssertEqual(stake?["jailed"] as? Bool, true)
        // A second vote is refused before signing.
        let again = try devnet.walletResult(["tx", "resolve", job, "--from", "validator-0", "--reject"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("no open challenge"), again.stderr)
        // validator-0 was also assigned the receipt (worth 100 AI, always sampled): it still gives its verdict in time.
        let assigned = try devnet.wallet(["query", "validations", "--mine", "--json"]).json()
        XCTAssertEqual((assigned["validations"] as? [[String: Any]])?.compactMap { $0["job_id"] as? String }, [job])
        let verdict = try devnet.wallet(["tx", "validate", job, "--from", "validator-0", "--verdict", "malicious", "--quality", "0", "--json"]).json()
        XCTAssertEqual((verdict["receipt"] as? [String: Any])?["status"] as? String, "ok", "\(verdict)")
    }
}
