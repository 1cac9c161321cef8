import ArgumentParser
import ProofmintWallet

/// `tx report-attestation`: report a provider whose tier rests on an attestation by a revoked attestor.
struct TxReportAttestationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-attestation",
        abstract: "Report a provider whose tier 2–4 attestation was signed by an attestor since revoked, and wait for the block.",
        discussion: """
            Anyone may report. If the provider's stake carries a tier 2–4 attestation whose attestor governance revoked \
            (at or after the attestation was presented), the provider is slashed staking.slash_attestation_bps (10% on \
            the devnet, reason attestation_failure, burned), its tier falls to 0 (open) and its attestation is cleared. \
            Otherwise the transaction is included with a failed receipt, nothing_to_report (exit code 2), and the fee \
            is charged. The reporter earns nothing. `proofmint query stake PROVIDER` shows the attestation and whether it holds.
            Example: proofmint tx report-attestation --from dev1 dev3
            """)

    @OptionGroup var sender: SenderOptions

    @Argument(help: ArgumentHelp("The provider: a pm1… address or the name of a key in the keystore.", valueName: "PROVIDER"))
    var provider: String

    @OptionGroup var options: SendOptions

    func run() async throws {
        let provider = try WalletInput.account(provider, keystore: options.keystore(WalletEnvironment()))
        try await OnlineTransaction.send(from: sender, with: options) { _ in
            .reportAttestation(AttestationReport(provider: provider))
        }
    }
}
