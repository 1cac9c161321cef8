import Foundation
import ProofmintCore
import XCTest

/// A one-node devnet for wallet tests: `proofmintd init` + `start` in a fresh home, a fresh keystore holding the dev
/// keys, and the `proofmint` executable pointed at both through the environment, as a script would use it.
final class WalletDevnet {
    /// The node's home.
    let home: String
    let keystore: String
    let node: NodeProcess

    init(
        label: String, genesis: String = Paths.devnetGenesis, initArguments: [String] = [], nodeArguments: [String] = ["--mining", "instant"],
        devKeys: Int
    ) throws {
        home = Paths.temporaryDirectory(label + "-home")
        keystore = Paths.temporaryDirectory(label + "-keys")
        try Command.succeed("proofmintd", ["init", "--genesis", genesis, "--home", home, "--dev-validator", "0"] + initArguments)
        node = NodeProcess(home: home)
        try node.start(nodeArguments)
        try wallet(["keys", "import-dev", "--count", String(devKeys)])
    }

    /// Stops the node and deletes its home and the keystore.
    func remove() {
        node.kill()
        try? FileManager.default.removeItem(atPath: home)
        try? FileManager.default.removeItem(atPath: keystore)
    }

    /// Fast key derivation for tests; the password comes from the environment as in scripts.
    var walletEnvironment: [String: String] {
        ["PROOFMINT_PASSWORD": "e2e-password", "PROOFMINT_KDF": "interactive", "PROOFMINT_KEYSTORE": keystore, "PROOFMINT_NODE": node.url]
    }

    /// Runs `proofmint` and requires exit status 0.
    @discardableResult
    func wallet(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.succeed("proofmint", arguments, environment: walletEnvironment.merging(environment) { $1 })
    }

    /// Runs `proofmint` whatever its exit status.
    func walletResult(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run("proofmint", arguments, environment: walletEnvironment.merging(environment) { $1 })
    }

    /// Has the INSECURE devnet attestor (registered by genesis/devnet.json) sign a tier attestation for dev key
    /// `provider` with `proofmint attest`, as the README tour does; returns the file's path (in the keystore directory).
    func attestation(for provider: String, tier: Int = 2, measurement: String = String(repeating: "ab", count: 32)) throws -> String {
        let path = keystore + "/\(provider)-tier\(tier).attestation.json"
        try wallet([
            "attest", "--dev-attestor", "0", "--provider", provider, "--tier", String(tier), "--measurement", measurement,
            "--expires-at", "1000000", "--out", path, "--force",
        ])
        return path
    }

    func balance(_ address: String) throws -> Amount {
        let account = try node.callObject("pm_getAccount", ["address": address])
        return try XCTUnwrap((account["balance"] as? String).flatMap(Tokens.parseBaseUnits), "balance of \(address)")
    }
}

extension Paths {
    /// Writes genesis/devnet.json to `path` with `parameters` merged over its parameters (top-level members replace
    /// the devnet's), so a test can shorten epochs or periods and keep everything else; `devnet: false` drops the
    /// `"devnet": true` member, for a chain on which the devnet tools are refused.
    static func devnetGenesis(writingTo path: String, parameters overrides: [String: Any], devnet: Bool = true) throws -> String {
        var genesis = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: devnetGenesis))) as? [String: Any])
        var parameters = try XCTUnwrap(genesis["parameters"] as? [String: Any])
        parameters.merge(overrides) { $1 }
        genesis["parameters"] = parameters
        if !devnet { genesis["devnet"] = nil }
        try JSONSerialization.data(withJSONObject: genesis, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }
}
