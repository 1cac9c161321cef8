import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// The README tour, run for real: `proofmintd` and `proofmint` as separate processes talking HTTP over loopback,
/// state in real LMDB files, keys in a real encrypted keystore.
final class DevnetTransferTests: XCTestCase {
    private var devnet: WalletDevnet!
    private var home: String { devnet.home }
    private var node: NodeProcess { devnet.node }

    override func setUpWithError() throws {
        devnet = try WalletDevnet(label: "transfer", devKeys: 3)
    }

    override func tearDownWithError() throws {
        devnet?.remove()
    }

    private func devAddress(_ index: Int) throws -> String {
        Address(publicKey: try DevAccounts.key(index: index).publicKey).text
    }

    func testWalletTransferIsIncludedAndSurvivesSIGKILLAndRestart() throws {
        let dev0 = try devAddress(0), dev1 = try devAddress(1)
        let before0 = try devnet.balance(dev0), before1 = try devnet.balance(dev1)
        XCTAssertEqual(before1, 1_000_000 * Tokens.one, "genesis/devnet.json funds dev1 with 1,000,000 AI")

        let sent = try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2.5AI", "--json"])
        let receipt = try sent.json()
        let id = try XCTUnwrap(receipt["id"] as? String)
        let fee = Tokens.one / 1000

        XCTAssertEqual(try devnet.balance(dev1), before1 + 2_500_000_000_000_000_000)
        XCTAssertEqual(try devnet.balance(dev0), before0 - 2_500_000_000_000_000_000 - fee)
        let included = try node.callObject("pm_getTransaction", ["id": id])
        XCTAssertEqual(included["status"] as? String, "included")
        let height = try XCTUnwrap(included["height"] as? Int)
        XCTAssertEqual((included["receipt"] as? [String: Any])?["status"] as? String, "ok")

        // The wallet shows the same balance, and checks a Merkle proof of it against the state root.
        let shown = try devnet.wallet(["query", "balance", "dev1", "--json"]).json()
        XCTAssertEqual(shown["balance"] as? String, String(before1 + 2_500_000_000_000_000_000))
        let proved = try devnet.wallet(["query", "account", "dev1", "--prove"])
        XCTAssertTrue(proved.stdout.contains("verified"), proved.stdout)

        // A crash: SIGKILL, then the same home starts again with the block and balance intact.
        node.kill()
        try node.start()
        XCTAssertEqual(try devnet.balance(dev1), before1 + 2_500_000_000_000_000_000)
        let block = try node.callObject("pm_getBlock", ["height": height])
        XCTAssertEqual(block["transactions"] as? [String], [id])
        let status = try node.callObject("pm_status")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(status["height"] as? Int), height)

        // And it keeps producing after the restart.
        try devnet.wallet(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "1AI"])
        XCTAssertEqual(try devnet.balance(dev1), before1 + 3_500_000_000_000_000_000)
        let verify = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify", "--json"]).json()
        XCTAssertEqual(verify["consistent"] as? Bool, true)
    }

    func testOfflineSignedTransferCanBeBroadcastLater() throws {
        let file = home + "/transfer.json"
        let dev2 = try devAddress(2)
        let before = try devnet.balance(dev2)
        // No --node: signing needs no network.
        try Command.succeed(
            "proofmint",
            ["tx", "sign", "--from", "dev1", "--to", dev2, "--amount", "7AI", "--nonce", "0",
             "--chain-id", "proofmint-devnet-1", "--out", file],
            environment: devnet.walletEnvironment)
        XCTAssertEqual(try devnet.balance(dev2), before, "signing offline must not send anything")
        try devnet.wallet(["tx", "broadcast", file])
        XCTAssertEqual(try devnet.balance(dev2), before + 7 * Tokens.one)

        // Re-running the same command finds the file there: refused unless --force.
        let again = try devnet.walletResult(["tx", "sign", "--from", "dev1", "--to", dev2, "--amount", "7AI", "--out", file])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("pass --force"), again.stderr)
        // Without --nonce and --chain-id the node supplies them: the pending nonce follows the one just used.
        for _ in 0..<2 {
            let signed = try devnet.wallet(["tx", "sign", "--from", "dev1", "--to", dev2, "--amount", "1AI", "--out", file, "--force", "--json"]).json()
            let nonce = try XCTUnwrap((signed["summary"] as? [String: Any])?["nonce"] as? Int, "\(signed)")
            XCTAssertEqual(nonce, try XCTUnwrap(try node.callObject("pm_getAccount", ["address": try devAddress(1)])["pending_nonce"] as? Int))
            try devnet.wallet(["tx", "broadcast", file])
        }
        XCTAssertEqual(try devnet.balance(dev2), before + 9 * Tokens.one)
    }

    func testWrongPasswordAddressTypoAndAmountMistakesChangeNothing() throws {
        let dev1 = try devAddress(1)
        let before = try devnet.balance(dev1)

        let wrongPassword = try devnet.walletResult(
            ["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "1AI"], environment: ["PROOFMINT_PASSWORD": "not-the-password"])
        XCTAssertNotEqual(wrongPassword.status, 0)
        XCTAssertTrue(wrongPassword.stderr.lowercased().contains("wrong password"), wrongPassword.stderr)

        var typo = Array(dev1)
        typo[10] = typo[10] == "q" ? "p" : "q"
        let mistyped = try devnet.walletResult(["tx", "transfer", "--from", "dev0", "--to", String(typo), "--amount", "1AI"])
        XCTAssertNotEqual(mistyped.status, 0)
        XCTAssertTrue(mistyped.stderr.contains("checksum"), mistyped.stderr)

        // An amount without a unit is not guessed; a negative one is named as such, not taken for a flag.
        let unitless = try devnet.walletResult(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "25"])
        XCTAssertEqual(unitless.status, 1)
        XCTAssertTrue(unitless.stderr.contains("amount '25' has no unit: write 25AI"), unitless.stderr)
        for arguments in [["--amount", "-1AI"], ["--amount=-1AI"]] {
            let negative = try devnet.walletResult(["tx", "transfer", "--from", "dev0", "--to", "dev1"] + arguments)
            XCTAssertEqual(negative.status, 1, "\(arguments)")
            XCTAssertTrue(negative.stderr.contains("amounts cannot be negative"), negative.stderr)
        }

        XCTAssertEqual(try devnet.balance(dev1), before)
        XCTAssertEqual((try node.callObject("pm_getAccount", ["address": try devAddress(0)]))["nonce"] as? Int, 0)
    }

    func testOverspendIsRefusedByTheWalletAndFailsOnChainWithOnlyTheFeeCharged() throws {
        let dev0 = try devAddress(0), dev1 = try devAddress(1)
        let before0 = try devnet.balance(dev0), before1 = try devnet.balance(dev1)

        // The wallet checks the balance first and sends nothing.
        let refused = try devnet.walletResult(["tx", "transfer", "--from", "dev0", "--to", "dev1", "--amount", "2000000AI"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("nothing was sent"), refused.stderr)
        XCTAssertEqual(try devnet.balance(dev0), before0)

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
        XCTAssertEqual(try devnet.balance(dev1), before1)
        XCTAssertEqual(try devnet.balance(dev0), before0 - Tokens.one / 1000)
        XCTAssertEqual(try node.callObject("pm_getAccount", ["address": dev0])["nonce"] as? Int, 1)
    }
}
