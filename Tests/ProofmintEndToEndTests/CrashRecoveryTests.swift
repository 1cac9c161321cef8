import Foundation
import ProofmintCore
import ProofmintWallet
import XCTest

/// Kills the node with SIGKILL at arbitrary moments while it commits blocks full of transfers,
/// and checks that every restart finds the last committed block whole and the state consistent.
final class CrashRecoveryTests: XCTestCase {
    func testSIGKILLDuringCommitsNeverLeavesAHalfWrittenBlock() throws {
        let home = Paths.temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: home) }
        try Command.succeed("proofmintd", ["init", "--genesis", Paths.devnetGenesis, "--home", home, "--dev-validator", "0"])
        let node = NodeProcess(home: home)
        let key = try DevAccounts.key(index: 3)
        let sender = Address(publicKey: key.publicKey)
        var random = SplitMix(seed: 42)
        var lastHeight = 0
        for round in 0..<4 {
            try node.start(["--mining", "interval", "--block-time", "20"])
            let account = try node.callObject("pm_getAccount", ["address": sender.text])
            var nonce = UInt64(try XCTUnwrap(account["nonce"] as? Int))
            // Keep the producer busy with transfers to fresh recipients (new state entries and tree nodes).
            let deadline = Date().addingTimeInterval(0.2 + Double(random.next() % 600) / 1000)
            while Date() < deadline {
                let recipient = Address(module: "crash-\(round)-\(nonce)")
                let transaction = Transaction(
                    chainId: "proofmint-devnet-1", sender: key.publicKey, nonce: nonce, fee: Tokens.one / 1000,
                    payload: .transfer(Transfer(recipient: recipient, amount: Tokens.one))
                ).signed(by: key)
                if (try? node.call("pm_sendTransaction", ["tx": transaction.canonicalBytes.hex])) != nil { nonce += 1 }
            }
            node.kill()
            let check = try Command.succeed("proofmintd", ["inspect", "--home", home, "--verify", "--json"]).json()
            XCTAssertEqual(check["consistent"] as? Bool, true, "round \(round): \(check)")
            let height = try XCTUnwrap(check["height"] as? Int)
            XCTAssertGreaterThanOrEqual(height, lastHeight, "a restart must never lose a committed block")
            lastHeight = height
        }
        XCTAssertGreaterThan(lastHeight, 0)
    }
}

/// A tiny seeded generator so the kill times reproduce.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
