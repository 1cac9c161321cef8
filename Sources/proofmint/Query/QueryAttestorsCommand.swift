import ArgumentParser
import ProofmintWallet

/// `query attestors`: the attestor registry, whose keys may sign tier 2–4 attestations.
struct QueryAttestorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attestors",
        abstract: "Show the attestor registry: the keys trusted to sign attestations for privacy tiers 2–4.",
        discussion: """
            Governance adds and revokes attestors (`proofmint tx propose attestor`); a revoked one stays listed with \
            the height it was revoked at. Example: proofmint query attestors --json
            """)

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let answer = try await nodeOptions.client(WalletEnvironment()).call(Calls.GetAttestors.self)
        var lines = ["Attestor registry at height \(answer.height): \(answer.attestors.count) key(s)"]
        for attestor in answer.attestors {
            let state = attestor.revokedAt.map { "REVOKED at height \($0)" } ?? "trusted"
            lines.append("  \(attestor.name)  \(attestor.publicKey)  max tier \(attestor.maxTier)  added at \(attestor.addedAt)  \(state)")
        }
        output.console.result(answer.json, text: lines.joined(separator: "\n"))
    }
}
