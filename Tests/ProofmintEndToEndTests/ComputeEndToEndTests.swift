import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Proof of Compute through the real executables: a consumer signs a receipt with `proofmint receipt sign`, a staked
/// provider submits it with `tx submit-proof`, and once the epoch has ended and the receipt's windows have closed
/// (protocol version 3) the provider's balance has grown by exactly the documented reward: its share of the epoch's
/// emission and the reward pool (all of it, as the only provider) capped at `compute.reward_cap_bps` of the value paid.
final class ComputeEndToEndTests: XCTestCase {
    /// Longer than the receipt's windows (80 blocks with the defaults), so that epoch 0 settles at its own end, while
    /// still inside the proof window: its provider records are not yet pruned and `query rewards` shows them.
    private static let epochLength = 100
    private static let fee = Tokens.one / 1000

    private var work = ""
    private var devnet: WalletDevnet!
    private var node: NodeProcess { devnet.node }

    override func setUpWithError() throws {
        work = Paths.temporaryDirectory("compute")
        // genesis/devnet.json with 100-block epochs; every other parameter (the emission schedule included) at its default.
        let genesisPath = try Paths.devnetGenesis(writingTo: work + "/compute-genesis.json", parameters: ["epoch_length": Self.epochLength])
        // Instant mining: a block per transaction, none otherwise, so the test decides when the epoch ends (pm_mine).
        devnet = try WalletDevnet(label: "compute", genesis: genesisPath, nodeArguments: ["--mining", "instant"], devKeys: 4)
    }

    override func tearDownWithError() throws {
        devnet?.remove()
        try? FileManager.default.removeItem(atPath: work)
    }

    private func amount(_ value: Any?) throws -> Amount {
        try XCTUnwrap((value as? String).flatMap(Tokens.parseBaseUnits), "not an amount: \(String(describing: value))")
    }

    private func height() throws -> Int { try XCTUnwrap(try node.callObject("pm_status")["height"] as? Int) }

    /// Epoch 0's emission under the defaults, computed here from seed 001's numbers: 100M AI a year over
    /// 31,536,000 / 10 epochs, the first `annual mod epochs` epochs one base unit more.
    /// The model, input and output hashes the receipts name (opaque to the chain).
    private static let contentHash = String(repeating: "ab", count: 32)

    private static var firstEpochEmission: Amount {
        let annual = 100_000_000 * Tokens.one, epochs = Amount(31_536_000 / epochLength)
        return annual / epochs + (annual % epochs > 0 ? 1 : 0)
    }

    func testAReceiptGoesFromConsumerToProviderToAMintedReward() throws {
        let consumer = try DevAccounts.address(index: 1).text, provider = try DevAccounts.address(index: 2).text
        try devnet.wallet(["tx", "stake", "--from", "dev2", "--amount", "500AI", "--tier", "2", "--attestation", try devnet.attestation(for: "dev2")])

        // The consumer signs; the file checks out; an edited copy is refused before anything is sent.
        let receiptPath = work + "/job.json"
        let signed = try devnet.wallet([
            "receipt", "sign", "--from", "dev1", "--provider", "dev2", "--units", "1000", "--quality", "95", "--price", "10AI",
            "--workload", "llama-3-8b", "--model-hash", Self.contentHash, "--input-hash", Self.contentHash, "--output-hash", Self.contentHash,
            "--out", receiptPath, "--json",
        ]).json()
        let summary = try XCTUnwrap(signed["summary"] as? [String: Any])
        XCTAssertEqual(summary["provider"] as? String, provider)
        XCTAssertEqual(summary["epoch"] as? Int, 0)
        XCTAssertTrue(try devnet.wallet(["receipt", "show", receiptPath]).stdout.contains("consumer signature verifies"))
        let tamperedPath = work + "/tampered.json"
        let text = try String(contentsOfFile: receiptPath, encoding: .utf8)
        XCTAssertTrue(text.contains("\"units\": 1000,"), text)
        try text.replacingOccurrences(of: "\"units\": 1000,", with: "\"units\": 100000,").write(toFile: tamperedPath, atomically: true, encoding: .utf8)
        let tampered = try devnet.walletResult(["tx", "submit-proof", "--from", "dev2", "--receipt", tamperedPath])
        XCTAssertEqual(tampered.status, 1)
        XCTAssertTrue(tampered.stderr.contains("refused"), tampered.stderr)
        // Only the provider the receipt names may submit it.
        let wrongProvider = try devnet.walletResult(["tx", "submit-proof", "--from", "dev3", "--receipt", receiptPath])
        XCTAssertEqual(wrongProvider.status, 1)
        XCTAssertTrue(wrongProvider.stderr.contains("names provider"), wrongProvider.stderr)

        // The provider submits: the consumer pays 10 AI, the provider gets it less the 0.3% protocol fee, the 0.5%
        // validation fee and its tx fee.
        let consumerBefore = try devnet.balance(consumer), providerBefore = try devnet.balance(provider)
        let submitted = try devnet.wallet(["tx", "submit-proof", "--from", "dev2", "--receipt", receiptPath, "--json"]).json()
        let receipt = try XCTUnwrap(submitted["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "ok")
        let protocolFee = 10 * Tokens.one * 30 / 10_000, validationFee = 10 * Tokens.one * 50 / 10_000
        XCTAssertEqual(try devnet.balance(consumer), consumerBefore - 10 * Tokens.one)
        XCTAssertEqual(try devnet.balance(provider), providerBefore + 10 * Tokens.one - protocolFee - validationFee - Self.fee)
        let events = try XCTUnwrap(receipt["events"] as? [[String: Any]])
        let accepted = try XCTUnwrap(events.first { $0["type"] as? String == "proof_accepted" })
        // Value 10 AI × quality 95 counted at the unverified cap 50 (8000 + 7000 × 50 / 100 = 11,500 bps) × tier 2 (15,000 bps).
        XCTAssertEqual(accepted["weight"] as? String, String(10 * Tokens.one * 11_500 * 15_000))

        // The same receipt again: included, refused by the chain (exit code 2), fee charged.
        let again = try devnet.walletResult(["tx", "submit-proof", "--from", "dev2", "--receipt", receiptPath, "--json"])
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertTrue(again.stderr.contains("job_already_paid"), again.stderr)

        let epoch = try devnet.wallet(["query", "epoch", "--json"]).json()
        XCTAssertEqual(epoch["epoch"] as? Int, 0)
        XCTAssertEqual((epoch["work"] as? [String: Any])?["proofs"] as? Int, 1)
        XCTAssertEqual(try amount(epoch["emission"]), Self.firstEpochEmission)

        // Empty blocks up to the block before settlement: the epoch's end and its receipt's windows (a sampled receipt
        // whose validator misses its window is reassigned, which can move `closes_at` on: it is read again each time).
        let end = try XCTUnwrap(epoch["end_height"] as? Int)
        func closesAt() throws -> Int { try XCTUnwrap((try node.callObject("pm_getEpoch", ["epoch": 0])["work"] as? [String: Any])?["closes_at"] as? Int) }
        while try height() < max(end, try closesAt()) - 1 { _ = try node.call("pm_mine", ["blocks": max(end, try closesAt()) - 1 - height()]) }
        XCTAssertTrue(try node.callObject("pm_getEpoch", ["epoch": 0])["settlement"] is NSNull)
        let pool = try amount(try node.callObject("pm_getSupply")["reward_pool"])
        let providerBeforeReward = try devnet.balance(provider)
        let supplyBefore = try node.callObject("pm_getSupply")
        _ = try node.call("pm_mine", ["blocks": 1])

        // The only provider's share is the whole emission and pool, above the cap: it gets the cap, 50% of the 10 AI
        // value, from the pool first and minted for the rest; what the cap held back is never minted.
        let reward = 5 * Tokens.one
        XCTAssertLessThan(pool, reward)
        XCTAssertEqual(try devnet.balance(provider), providerBeforeReward + reward)
        let rewards = try devnet.wallet(["query", "rewards", "dev2", "--json"]).json()
        let first = try XCTUnwrap((rewards["epochs"] as? [[String: Any]])?.first, "\(rewards)")
        XCTAssertEqual(first["epoch"] as? Int, 0)
        XCTAssertEqual(try amount(first["reward"]), reward)
        let supply = try devnet.wallet(["query", "supply", "--json"]).json()
        XCTAssertEqual(try amount(supply["minted"]), reward - pool)
        XCTAssertEqual(try amount(supply["issued"]), try amount(supplyBefore["issued"]) + reward - pool)
        XCTAssertEqual(try amount(supply["reward_pool"]), 0)
        let settled = try devnet.wallet(["query", "epoch", "--epoch", "0", "--json"]).json()
        let settlement = try XCTUnwrap(settled["settlement"] as? [String: Any])
        XCTAssertEqual(try amount(settlement["paid"]), reward)
        XCTAssertEqual(try amount(settlement["emission"]), Self.firstEpochEmission)
        XCTAssertEqual(try amount(settlement["minted"]), reward - pool)
        XCTAssertEqual(try amount(settlement["from_pool"]), pool)
        XCTAssertEqual(try amount(settlement["capped"]), Self.firstEpochEmission + pool - reward)
        // The text forms print without error and name the figures.
        XCTAssertTrue(try devnet.wallet(["query", "rewards", "dev2"]).stdout.contains(Tokens.format(reward)))
        XCTAssertTrue(try devnet.wallet(["query", "supply"]).stdout.contains("minted (PoC)"))

        // The audit re-derives the same reward from the blocks alone, and the supply invariant held at every block.
        let explainedRun = try Command.run("proofmintd", ["audit", "explain", provider, "--epoch", "0", "--home", devnet.home, "--json"])
        XCTAssertEqual(explainedRun.status, 0, explainedRun.stdout + explainedRun.stderr)
        let explained = try explainedRun.json()
        XCTAssertEqual(explained["consistent"] as? Bool, true)
        XCTAssertEqual(try amount(explained["computed_reward"]), reward)
        XCTAssertEqual(try amount(explained["scheduled_emission"]), Self.firstEpochEmission, "\(explained)")
        XCTAssertEqual((explained["receipts"] as? [[String: Any]])?.count, 1)
        // Without --epoch: the latest settled epoch with this provider's work, the same one.
        let latest = try Command.succeed("proofmintd", ["audit", "explain", provider, "--home", devnet.home, "--json"]).json()
        XCTAssertEqual(latest["epoch"] as? Int, 0)
        XCTAssertEqual(try amount(latest["computed_reward"]), reward)
        // An epoch without any work (epoch 1, settled by empty blocks) mints and pays nothing: consistent, exit 0.
        if try height() < end + Self.epochLength { _ = try node.call("pm_mine", ["blocks": end + Self.epochLength - height()]) }
        let empty = try Command.succeed("proofmintd", ["audit", "explain", provider, "--epoch", "1", "--home", devnet.home, "--json"]).json()
        XCTAssertEqual(empty["consistent"] as? Bool, true)
        XCTAssertEqual(empty["epoch_had_work"] as? Bool, false)
        XCTAssertEqual(try amount(empty["emission"]), 0, "\(empty)")
        let emptyText = try Command.succeed("proofmintd", ["audit", "explain", provider, "--epoch", "1", "--home", devnet.home]).stdout
        XCTAssertTrue(emptyText.contains("nothing minted, nothing paid"), emptyText)
        let auditDirectory = work + "/audit"
        let audit = try Command.succeed("proofmintd", ["audit", "--home", devnet.home, "--out", auditDirectory, "--json"]).json()
        XCTAssertEqual((audit["invariant_violations"] as? [Any])?.count, 0)
        let epochs = try String(contentsOfFile: auditDirectory + "/epochs.csv", encoding: .utf8)
        XCTAssertTrue(epochs.contains(",\(provider),\(reward),false"), epochs)
        XCTAssertTrue(FileManager.default.fileExists(atPath: auditDirectory + "/supply.svg"))
        // README: every report file, audit.json included, goes into the --out directory.
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: auditDirectory + "/audit.json"))) as? [String: Any]
        XCTAssertEqual(written?["blocks"] as? Int, audit["blocks"] as? Int)
    }
}
