import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Staking through the real `proofmint` executable against a real `proofmintd` producing a block every 100 ms:
/// stake at a privacy tier, unstake into unbonding, fail to withdraw early, wait out the unbonding period, withdraw;
/// the chain's refusals with their error names and exit code 2; the provider list; double-sign evidence.
final class StakingEndToEndTests: XCTestCase {
    /// Blocks an unstaked amount waits. Long enough (3 s at 100 ms blocks) that a withdraw sent right after the unstake
    /// is certainly early even on a loaded machine; short enough to wait out in a test.
    private static let unbondingPeriod = 30
    private static let epochLength = 5
    private static let fee = Tokens.one / 1000
    /// The part of every fee that is burned (40%, genesis/devnet.json's fee split).
    private static let feeBurn = fee * 4 / 10
    private static let attestation = String(repeating: "ab", count: 32)

    /// Holds the genesis file and the evidence files.
    private var work = ""
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("staking")
        // genesis/devnet.json with short epochs and a short unbonding period; every other parameter at its default.
        let genesisPath = try Paths.devnetGenesis(
            writingTo: work + "/staking-genesis.json",
            parameters: ["epoch_length": Self.epochLength, "staking": ["unbonding_period": Self.unbondingPeriod]])
        devnet = try WalletDevnet(
            label: "staking", genesis: genesisPath, nodeArguments: ["--mining", "interval", "--block-time", "100"], devKeys: 8)
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    // MARK: - Helpers

    @discardableResult
    private func wallet(_ arguments: [String]) throws -> CommandResult { try devnet.wallet(arguments) }

    /// Runs a wallet command that must be included with a failed receipt: exit code 2, the error named on stderr.
    @discardableResult
    private func failsOnChain(_ arguments: [String], with name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try devnet.walletResult(arguments + ["--json"])
        XCTAssertEqual(result.status, 2, "exit code; stderr: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(name), result.stderr, file: file, line: line)
        let output = try result.json()
        let receipt = try XCTUnwrap(output["receipt"] as? [String: Any], file: file, line: line)
        XCTAssertEqual(receipt["status"] as? String, name, file: file, line: line)
        XCTAssertEqual(receipt["fee_charged"] as? String, String(Self.fee), file: file, line: line)
        XCTAssertNotNil(receipt["message"] as? String, "a failed receipt explains itself", file: file, line: line)
        return output
    }

    private func devAddress(_ index: Int) throws -> String { try DevAccounts.address(index: index).text }

    private func nonce(_ address: String) throws -> Int {
        try XCTUnwrap(try node.callObject("pm_getAccount", ["address": address])["nonce"] as? Int)
    }

    private func amount(_ value: Any?) throws -> Amount {
        try XCTUnwrap((value as? String).flatMap(Tokens.parseBaseUnits), "not an amount: \(String(describing: value))")
    }

    /// validator-0's address: its genesis bond makes it a provider from block 0 (protocol version 2).
    static let validatorAddress = "pm1whtlvxphlwy24xyq4zr6spgk6hmd4km6q8nc7n"

    private struct Supply: Equatable {
        let burned: Amount, staked: Amount, unbonding: Amount, issued: Amount, supply: Amount
    }

    private func supply() throws -> Supply {
        let result = try node.callObject("pm_getSupply")
        return Supply(
            burned: try amount(result["burned"]), staked: try amount(result["staked"]), unbonding: try amount(result["unbonding_total"]),
            issued: try amount(result["issued"]), supply: try amount(result["supply"]))
    }

    private func stake(_ account: String) throws -> [String: Any] {
        try wallet(["query", "stake", account, "--json"]).json()
    }

    private func height() throws -> Int { try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int) }

    private func waitForHeight(_ target: Int) throws {
        let deadline = Date().addingTimeInterval(60)
        while try height() < target {
            guard Date() < deadline else { throw CommandFailure("the chain did not reach height \(target) within 60s") }
            usleep(50_000)
        }
    }

    private static func tokens(_ text: String) -> Amount { Tokens.parse(text + "AI")! }

    // MARK: - Tests

    func testStakeAtTierTwoUnstakeWaitOutUnbondingAndWithdraw() throws {
        let dev3 = try devAddress(3)
        let initial = try devnet.balance(dev3)
        let before = try supply()

        // Stake 1000 AI at privacy tier 2 (CPU TEE) with an attestation by the devnet attestor, no lock.
        let staked = try wallet([
            "tx", "stake", "--from", "dev3", "--amount", "1000AI", "--tier", "2", "--attestation", try devnet.attestation(for: "dev3"), "--json",
        ]).json()
        XCTAssertEqual((staked["receipt"] as? [String: Any])?["status"] as? String, "ok")
        let afterStake = try supply()
        XCTAssertEqual(afterStake.staked, before.staked + 1000 * Tokens.one)
        XCTAssertEqual(afterStake.burned, before.burned + Self.feeBurn)
        XCTAssertEqual(afterStake.unbonding, before.unbonding)

        // Power = 1000 AI × 1.0 (lock 0) × 1.5 (tier 2) × (1 + 0/1000), exactly, in base units.
        var shown = try stake("dev3")
        var record = try XCTUnwrap(shown["stake"] as? [String: Any])
        XCTAssertEqual(record["amount"] as? String, String(1000 * Tokens.one))
        XCTAssertEqual(record["tier"] as? Int, 2)
        XCTAssertEqual(record["tier_name"] as? String, "cpu-tee")
        let attested = try XCTUnwrap(record["attested"] as? [String: Any])
        XCTAssertEqual(attested["measurement"] as? String, Self.attestation)
        XCTAssertEqual(attested["attestor"] as? String, "50f98798f8244aebbb45f94de41ee38579e958957e1253df8b71dd4908602b06")
        XCTAssertEqual(attested["holds"] as? Bool, true)
        XCTAssertEqual(record["effective_tier"] as? Int, 2)
        XCTAssertEqual(record["lock_epochs"] as? Int, 0)
        XCTAssertEqual(record["reputation"] as? Int, 0)
        XCTAssertEqual(record["jailed"] as? Bool, false)
        XCTAssertEqual(record["power"] as? String, String(1500 * Tokens.one))
        XCTAssertEqual(record["amount_tier"] as? String, "silver")
        XCTAssertEqual((shown["unbonding"] as? [Any])?.count, 0)

        // Tier 2 without an attestation is refused by the wallet before anything is signed.
        let noAttestation = try devnet.walletResult(["tx", "stake", "--from", "dev3", "--amount", "1AI", "--tier", "2"])
        XCTAssertEqual(noAttestation.status, 1)
        XCTAssertTrue(noAttestation.stderr.contains("attestation") && noAttestation.stderr.contains("nothing was sent"), noAttestation.stderr)
        XCTAssertEqual(try nonce(dev3), 1, "a refused command sends nothing")

        // Unstake 400 AI: 0.1% (0.4 AI) is burned, 399.6 AI waits in an unbonding entry.
        let unstaked = try wallet(["tx", "unstake", "--from", "dev3", "--amount", "400AI", "--json"]).json()
        let unstakeReceipt = try XCTUnwrap(unstaked["receipt"] as? [String: Any])
        XCTAssertEqual(unstakeReceipt["status"] as? String, "ok")
        let unstakeHeight = try XCTUnwrap(unstaked["height"] as? Int)
        let event = try XCTUnwrap((unstakeReceipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "unstaked" })
        XCTAssertEqual(event["amount"] as? String, String(Self.tokens("399.6")))
        XCTAssertEqual(event["burned"] as? String, String(Self.tokens("0.4")))
        XCTAssertEqual(event["mature_at"] as? Int, unstakeHeight + Self.unbondingPeriod)
        let afterUnstake = try supply()
        XCTAssertEqual(afterUnstake.burned, afterStake.burned + Self.tokens("0.4") + Self.feeBurn)
        XCTAssertEqual(afterUnstake.staked, afterStake.staked - 400 * Tokens.one)
        XCTAssertEqual(afterUnstake.unbonding, afterStake.unbonding + Self.tokens("399.6"))
        XCTAssertEqual(afterUnstake.issued, before.issued)

        shown = try stake("dev3")
        record = try XCTUnwrap(shown["stake"] as? [String: Any])
        XCTAssertEqual(record["amount"] as? String, String(600 * Tokens.one))
        XCTAssertEqual(record["power"] as? String, String(900 * Tokens.one))
        let entries = try XCTUnwrap(shown["unbonding"] as? [[String: Any]])
        XCTAssertEqual(entries.count, 1)
        let matureAt = try XCTUnwrap(entries.first?["mature_at"] as? Int)
        XCTAssertEqual(matureAt, unstakeHeight + Self.unbondingPeriod)
        XCTAssertEqual(entries.first?["amount"] as? String, String(Self.tokens("399.6")))
        XCTAssertEqual(entries.first?["matured"] as? Bool, false)
        XCTAssertEqual(shown["unbonding_total"] as? String, String(Self.tokens("399.6")))

        // Withdrawing before maturity is included and fails: nothing_matured, exit code 2, the fee charged.
        let early = try failsOnChain(["tx", "withdraw", "--from", "dev3"], with: "nothing_matured")
        XCTAssertLessThan(try XCTUnwrap(early["height"] as? Int), matureAt)
        XCTAssertEqual(try supply().unbonding, afterUnstake.unbonding, "a failed withdraw pays nothing out")

        // Wait out the unbonding period, then withdraw.
        try waitForHeight(matureAt)
        XCTAssertEqual(((try stake("dev3"))["unbonding"] as? [[String: Any]])?.first?["matured"] as? Bool, true)
        let withdrawn = try wallet(["tx", "withdraw", "--from", "dev3", "--json"]).json()
        let withdrawReceipt = try XCTUnwrap(withdrawn["receipt"] as? [String: Any])
        XCTAssertEqual(withdrawReceipt["status"] as? String, "ok")
        let paid = (withdrawReceipt["events"] as? [[String: Any]])?.first { $0["type"] as? String == "withdrawn" }
        XCTAssertEqual(paid?["amount"] as? String, String(Self.tokens("399.6")))

        // Fees: stake, unstake, the failed withdraw and the withdraw.
        XCTAssertEqual(try devnet.balance(dev3), initial - 1000 * Tokens.one + Self.tokens("399.6") - 4 * Self.fee)
        let after = try supply()
        XCTAssertEqual(after.unbonding, before.unbonding)
        XCTAssertEqual(after.staked, before.staked + 600 * Tokens.one)
        XCTAssertEqual(after.burned, before.burned + Self.tokens("0.4") + 4 * Self.feeBurn)
        XCTAssertEqual(after.supply, before.supply - Self.tokens("0.4") - 4 * Self.feeBurn)
        shown = try stake("dev3")
        XCTAssertEqual((shown["unbonding"] as? [Any])?.count, 0)
        XCTAssertEqual(shown["unbonding_total"] as? String, "0")

        // The human form says the same.
        let text = try wallet(["query", "stake", "dev3"]).stdout
        XCTAssertTrue(text.contains("600 AI") && text.contains("900 AI") && text.contains("2 (cpu-tee)"), text)
    }

    func testChainRefusalsAndTheProviderList() throws {
        let dev3 = try devAddress(3), dev4 = try devAddress(4), dev5 = try devAddress(5), dev6 = try devAddress(6)

        try wallet(["tx", "stake", "--from", "dev3", "--amount", "1000AI", "--tier", "2", "--attestation", try devnet.attestation(for: "dev3")])
        try wallet(["tx", "stake", "--from", "dev4", "--amount", "150AI"])
        // 100 epochs of lock: 1.5x (from 52 epochs), and no unstaking for 500 blocks.
        try wallet(["tx", "stake", "--from", "dev5", "--amount", "200AI", "--lock-epochs", "100"])
        try wallet(["tx", "stake", "--from", "dev6", "--amount", "150AI"])

        // Unstaking 100 of dev4's 150 AI would leave 50 AI, below the 100 AI minimum.
        let before4 = try devnet.balance(dev4)
        try failsOnChain(["tx", "unstake", "--from", "dev4", "--amount", "100AI"], with: "remainder_below_minimum")
        XCTAssertEqual(try devnet.balance(dev4), before4 - Self.fee, "only the fee is charged")
        XCTAssertEqual((try stake("dev4"))["unbonding_total"] as? String, "0")
        XCTAssertEqual(((try stake("dev4"))["stake"] as? [String: Any])?["amount"] as? String, String(150 * Tokens.one))
        // A locked stake cannot be unstaked; a stake below the minimum is refused; so is more than is staked.
        try failsOnChain(["tx", "unstake", "--from", "dev5", "--amount", "200AI"], with: "stake_locked")
        try failsOnChain(["tx", "stake", "--from", "dev7", "--amount", "50AI"], with: "stake_below_minimum")
        try failsOnChain(["tx", "unstake", "--from", "dev6", "--amount", "151AI"], with: "unstake_exceeds_stake")
        try failsOnChain(["tx", "unstake", "--from", "dev7", "--amount", "1AI"], with: "no_stake")
        // Attestations (protocol version 3): an attestation for another provider is refused by the wallet; one by a key
        // outside the registry (dev5's, from the keystore) is refused by the chain; a report finds nothing to report.
        let refusedFile = try devnet.walletResult(["tx", "stake", "--from", "dev4", "--amount", "0", "--tier", "2", "--attestation", try devnet.attestation(for: "dev3")])
        XCTAssertEqual(refusedFile.status, 1, refusedFile.stderr)
        XCTAssertTrue(refusedFile.stderr.contains("only the provider it names"), refusedFile.stderr)
        let selfMade = work + "/self-made.json"
        try wallet([
            "attest", "--attestor-key", "dev5", "--provider", "dev4", "--tier", "4", "--measurement", Self.attestation,
            "--expires-at", "1000000", "--out", selfMade,
        ])
        try failsOnChain(["tx", "stake", "--from", "dev4", "--amount", "0", "--tier", "4", "--attestation", selfMade], with: "attestor_unknown")
        try failsOnChain(["tx", "report-attestation", "--from", "dev6", "dev3"], with: "nothing_to_report")
        let registry = try wallet(["query", "attestors", "--json"]).json()
        XCTAssertEqual((registry["attestors"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["devnet-attestor-0"])

        // Refused by the wallet, before signing: an attestation on tier 0, an unknown tier, a malformed attestation.
        for arguments in [
            ["--tier", "0", "--attestation", Self.attestation], ["--tier", "5", "--attestation", Self.attestation],
            ["--tier", "1", "--attestation", "abcd"],
        ] {
            let refused = try devnet.walletResult(["tx", "stake", "--from", "dev7", "--amount", "100AI"] + arguments)
            XCTAssertEqual(refused.status, 1, refused.stderr)
            XCTAssertFalse(refused.stderr.isEmpty)
        }

        // Sorted by power: dev3 1500, dev5 300, then dev4 and dev6 tied at 150, by address, then validator-0's 100 AI
        // genesis bond.
        let listed = try wallet(["query", "providers", "--json"]).json()
        let providers = try XCTUnwrap(listed["providers"] as? [[String: Any]])
        XCTAssertEqual(listed["total_count"] as? Int, 5)
        let tied = [dev4, dev6].sorted()
        XCTAssertEqual(providers.compactMap { $0["address"] as? String }, [dev3, dev5] + tied + [Self.validatorAddress])
        // Each provider's stake is nested under `stake`, as `pm_getStake` sends it.
        let stakes = providers.compactMap { $0["stake"] as? [String: Any] }
        XCTAssertEqual(
            stakes.compactMap { $0["power"] as? String },
            [1500, 300, 150, 150, 100].map { String(Amount($0) * Tokens.one) })
        XCTAssertEqual(stakes.first?["tier"] as? Int, 2)
        XCTAssertEqual(stakes.first?["amount_tier"] as? String, "silver")
        XCTAssertEqual(stakes.count > 1 ? stakes[1]["lock_epochs"] as? Int : nil, 100)
        let limited = try wallet(["query", "providers", "--limit", "2", "--json"]).json()
        XCTAssertEqual((limited["providers"] as? [[String: Any]])?.compactMap { $0["address"] as? String }, [dev3, dev5])
        XCTAssertEqual(limited["total_count"] as? Int, 5)
        let table = try wallet(["query", "providers"]).stdout
        let lines = table.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 6, table)
        XCTAssertTrue(lines[2].contains(dev3) && lines[2].contains("1500"), table)
    }

    func testDoubleSignEvidenceSlashesAndJailsTheValidator() throws {
        // The devnet validator's key is public (`--dev-validator 0`): it holds its 100 AI genesis bond (protocol
        // version 2); it stakes 300 AI more from its address, then signs twice.
        let validatorKey = try Ed25519.PrivateKey(seed: Blake2b.hash256(Array("proofmint/insecure-dev-validator/0".utf8)))
        let validator = Address(publicKey: validatorKey.publicKey).text
        let seedFile = work + "/validator.seed"
        try validatorKey.seed.hex.write(toFile: seedFile, atomically: true, encoding: .utf8)
        try wallet(["keys", "import", "validator", "--seed-file", seedFile])
        try wallet(["tx", "transfer", "--from", "dev0", "--to", validator, "--amount", "500AI"])
        try wallet(["tx", "stake", "--from", "validator", "--amount", "300AI"])

        // A real block, and a second header for the same height signed by the same key.
        let height = try self.height()
        let block = try node.callObject("pm_getBlock", ["height": height])
        let headerHex = try XCTUnwrap(block["header_hex"] as? String)
        let signature = try XCTUnwrap(block["signature"] as? String)
        var forged = try BlockHeader(canonical: try XCTUnwrap(Bytes(hex: headerHex)))
        XCTAssertEqual(forged.hash.hex, block["hash"] as? String)
        forged.timestamp += 1
        /// An evidence file (docs/RPC.md, "Evidence files"): the real block, and `second` signed by the validator.
        func writeEvidence(_ name: String, second: BlockHeader) throws -> String {
            let evidence: [String: Any] = [
                "first": ["header_hex": headerHex, "signature": signature],
                "second": ["header_hex": second.canonicalBytes.hex, "signature": validatorKey.signature(for: second.signingMessage).hex],
            ]
            let path = work + "/" + name
            try JSONSerialization.data(withJSONObject: evidence).write(to: URL(fileURLWithPath: path))
            return path
        }
        let evidencePath = try writeEvidence("double-sign.json", second: forged)

        // Evidence the chain would certainly refuse is refused by the wallet: here, two different heights.
        var otherHeight = forged
        otherHeight.height += 1
        let mismatchedPath = try writeEvidence("mismatched.json", second: otherHeight)
        let refused = try devnet.walletResult(["tx", "evidence", "--from", "dev1", "--file", mismatchedPath])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("heights"), refused.stderr)

        let before = try supply()
        let reported = try wallet(["tx", "evidence", "--from", "dev1", "--file", evidencePath, "--json"]).json()
        let receipt = try XCTUnwrap(reported["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let events = try XCTUnwrap(receipt["events"] as? [[String: Any]])
        let slashed = try XCTUnwrap(events.first { $0["type"] as? String == "slashed" })
        XCTAssertEqual(slashed["provider"] as? String, validator)
        XCTAssertEqual(slashed["reason"] as? String, "double_sign")
        XCTAssertEqual(slashed["from_stake"] as? String, String(400 * Tokens.one), "the bond and the added stake")
        XCTAssertTrue(events.contains { $0["type"] as? String == "jailed" && $0["provider"] as? String == validator })

        // 100% of the stake is burned, the validator is jailed with no power, and it is no longer listed.
        let after = try supply()
        XCTAssertEqual(after.staked, before.staked - 400 * Tokens.one)
        XCTAssertEqual(after.burned, before.burned + 400 * Tokens.one + Self.feeBurn)
        let record = try XCTUnwrap((try stake("validator"))["stake"] as? [String: Any])
        XCTAssertEqual(record["jailed"] as? Bool, true)
        XCTAssertEqual(record["amount"] as? String, "0")
        XCTAssertEqual(record["power"] as? String, "0")
        let providers = try XCTUnwrap((try wallet(["query", "providers", "--json"]).json())["providers"] as? [[String: Any]])
        XCTAssertFalse(providers.contains { $0["address"] as? String == validator })

        // One offence is punished once; a jailed provider cannot stake again.
        try failsOnChain(["tx", "evidence", "--from", "dev2", "--file", evidencePath], with: "evidence_already_handled")
        try failsOnChain(["tx", "stake", "--from", "validator", "--amount", "150AI"], with: "jailed")
        // `tx unjail`: too early for the jailed validator (8,640 blocks must pass), and nothing to lift for dev2.
        try failsOnChain(["tx", "unjail", "--from", "validator"], with: "jail_period_not_over")
        try failsOnChain(["tx", "unjail", "--from", "dev2"], with: "not_jailed")

        // The chain keeps going, and the stored state still matches its root.
        try waitForHeight(try self.height() + 2)
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", node.home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true)
    }
}
