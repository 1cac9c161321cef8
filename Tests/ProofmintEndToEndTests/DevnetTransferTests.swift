import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The README tour, run for real: `proofmintd` and `proofmint` as separate processes talking HTTP over loopback,
/// state in real LMDB files, keys in a real encrypted keystore.
final class DevnetTransferTests: XCTestCase {
    private var home = ""
    private var keystore = ""
    private var node: NodeProcess!

    /// Fast key derivation for tests; the password comes from the environment as in scripts.
    private var walletEnvironment: [String: String] {
        [
            "PROOFMINT_PASSWORD": "e2e-password", "PROOFMINT_KDF": "interactive", "PROOFMINT_KEYSTORE": keystore,
            "PROOFMINT_NODE": node?.url ?? "",
        ]
    }

    override func setUpWithError() throws {
        home = Paths.temporaryDirectory("home")
        keystore = Paths.temporaryDirectory("keys")
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        node = NodeProcess(home: home)
        try node.start()
        try wallet(["keys", "import-dev", "--count", "3"])
    }

    override func tearDownWithError() throws {
        node?.kill()
        try? FileManager.default.removeItem(atPath: home)
        try? FileManager.default.removeItem(atPath: keystore)
    }

    @discardableResult
    private func wallet(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.succeed("proofmint", arguments, environment: walletEnvironment.merging(environment) { $1 })
    }

    private func walletResult(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run("proofmint", arguments, environment: walletEnvironment.merging(environment) { $1 })
    }

    private func balance(_ address: String) throws -> Amount {
        let account = try node.callObject("pm_getAccount", ["address": address])
        return try XCTUnwrap(Amount(try XCTUnwrap(account["balance"] as? String)))
    }

    private func devAddress(_ index: Int) throws -> String {
        Address(publicKey: try DevAccounts.key(index: index).publicKey).text
    }

    func testWalletTransferIsIncludedAndSurvivesSIGKILLAndRestart() throws {
        let dev0 = try devAddress(0), dev1 = try devAddress(1)
        let before0 = try balance(dev0), before1 = try balance(dev1)
        XCTAssertEqual(before1, 1_000_000 * Tokens.one, "genesis/devnet.json funds dev1 with 1,000,000 AI")

        let sent = try wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2.5AI", "--json"])
        let receipt = try sent.json()
        let id = try XCTUnwrap(receipt["id"] as? String)
        let fee = Tokens.one / 1000

        XCTAssertEqual(try balance(dev1), before1 + 2_500_000_000_000_000_000)
        XCTAssertEqual(try balance(dev0), before0 - 2_500_000_000_000_000_000 - fee)
        let included = try node.callObject("pm_getTransaction", ["id": id])
        XCTAssertEqual(included["status"] as? String, "included")
        let height = try XCTUnwrap(included["height"] as? Int)
        XCTAssertEqual((included["receipt"] as? [String: Any])?["status"] as? String, "ok")

        // The wallet shows the same balance, and checks a Merkle proof of it against the state root.
        let shown = try wallet(["query", "balance", "dev1", "--json"]).json()
        XCTAssertEqual(shown["balance"] as? String, String(before1 + 2_500_000_000_000_000_000))
        let proved = try wallet(["query", "account", "dev1", "--prove"])
        XCTAssertTrue(proved.stdout.contains("verified"), proved.stdout)

        // A crash: SIGKILL, then the same home starts again with the block and balance intact.
        node.kill()
        try node.start()
        XCTAssertEqual(try balance(dev1), before1 + 2_500_000_000_000_000_000)
        let block = try node.callObject("pm_getBlock", ["height": height])
        XCTAssertEqual(block["transactions"] as? [String], [id])
        let status = try node.callObject("pm_status")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(status["height"] as? Int), height)

        // And it keeps producing after the restart.
        try wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "1AI"])
        XCTAssertEqual(try balance(dev1), before1 + 3_500_000_000_000_000_000)
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true)
    }

    func testOfflineSignedTransferCanBeBroadcastLater() throws {
        let file = home + "/transfer.json"
        let dev2 = try devAddress(2)
        let before = try balance(dev2)
        // No --node: signing needs no network.
        try Command.succeed(
            "proofmint",
            ["tx", "sign", "--from", "dev1", "--to", dev2, "--amount", "7AI", "--nonce", "0",
             "--chain-id", "proofmint-devnet-1", "--out", file],
            environment: walletEnvironment)
        XCTAssertEqual(try balance(dev2), before, "signing offline must not send anything")
        try wallet(["tx", "broadcast", file])
        XCTAssertEqual(try balance(dev2), before + 7 * Tokens.one)
    }

    func testWrongPasswordAndAddressTypoChangeNothing() throws {
        let dev1 = try devAddress(1)
        let before = try balance(dev1)

        let wrongPassword = try walletResult(
            ["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "1AI"], environment: ["PROOFMINT_PASSWORD": "not-the-password"])
        XCTAssertNotEqual(wrongPassword.status, 0)
        XCTAssertTrue(wrongPassword.stderr.lowercased().contains("wrong password"), wrongPassword.stderr)

        var typo = Array(dev1)
        typo[10] = typo[10] == "q" ? "p" : "q"
        let mistyped = try walletResult(["tx", "transfer", "--from", "dev0", "--to", String(typo), "--amount", "1AI"])
        XCTAssertNotEqual(mistyped.status, 0)
        XCTAssertTrue(mistyped.stderr.contains("checksum"), mistyped.stderr)

        XCTAssertEqual(try balance(dev1), before)
        XCTAssertEqual((try node.callObject("pm_getAccount", ["address": try devAddress(0)]))["nonce"] as? Int, 0)
    }

    func testOverspendIsRefusedByTheWalletAndFailsOnChainWithOnlyTheFeeCharged() throws {
        let dev0 = try devAddress(0), dev1 = try devAddress(1)
        let before0 = try balance(dev0), before1 = try balance(dev1)

        // The wallet checks the balance first and sends nothing.
        let refused = try walletResult(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2000000AI"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("nothing was sent"), refused.stderr)
        XCTAssertEqual(try balance(dev0), before0)

        // Sent anyway (signed by hand), the chain includes it with a failed receipt and charges only the fee.
        let key = try DevAccounts.key(index: 0)
        let transaction = Transaction(
            chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: 0, fee: Tokens.one / 1000,
            payload: .transfer(Transfer(recipient: try Address(text: dev1), amount: 2_000_000 * Tokens.one))
        ).signed(by: key)
        try node.call("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex])
        var included: [String: Any] = [:]
        for _ in 0..<100 {
            included = try node.callObject("pm_getTransaction", ["id": transaction.id.hex])
            if included["status"] as? String == "included" { break }
            usleep(50_000)
        }
        let receipt = try XCTUnwrap(included["receipt"] as? [String: Any])
        XCTAssertEqual(receipt["status"] as? String, "insufficient_balance")
        XCTAssertEqual(receipt["code"] as? Int, 100)
        XCTAssertEqual(try balance(dev1), before1)
        XCTAssertEqual(try balance(dev0), before0 - Tokens.one / 1000)
        XCTAssertEqual(try node.callObject("pm_getAccount", ["address": dev0])["nonce"] as? Int, 1)
    }
}
