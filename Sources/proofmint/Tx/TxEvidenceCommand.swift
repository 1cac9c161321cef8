import ArgumentParser
import ProofmintWallet

/// `tx evidence`: report a validator that signed two blocks at one height.
struct TxEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Report double signing: submit two different signed block headers of one height by one validator.",
        discussion: """
            The validator's stake and unbonding entries are slashed at the malicious rate (devnet: 100%), burned, and \
            the validator is jailed; one offence is punished once. Anyone may report; the reporter pays the fee.
            FILE is JSON: {"first": {"header_hex": "…", "signature": "…"}, "second": {"header_hex": "…", "signature": "…"}} \
            where header_hex is a block header's canonical bytes in hex (pm_getBlock returns it as header_hex) and \
            signature the producer's 64-byte Ed25519 signature over it in hex (pm_getBlock's signature).
            Refused before signing: headers that do not decode; that are for different chains, for another chain than \
            the node's, or for different heights; that are the same block; that have different producers; or whose \
            signatures do not verify. Whether the producer is a validator, and whether this offence was already \
            punished, the chain decides (a failed receipt, exit code 2).
            Example: proofmint tx evidence --from dev0 --file double-sign.json
            """)

    @OptionGroup var sender: SenderOptions

    @Option(name: .customLong("file"), help: ArgumentHelp(
        "Evidence JSON: {\"first\": {\"header_hex\", \"signature\"}, \"second\": {…}} (see the description above).", valueName: "FILE"))
    var file: String

    @OptionGroup var options: SendOptions

    func run() async throws {
        let evidence = try EvidenceFile.read(file).evidence
        try await OnlineTransaction.send(from: sender, with: options) { context in
            let chainId = evidence.first.header.chainId
            guard chainId == context.status.chainId else {
                throw CommandFailure(
                    "the evidence headers are for chain '\(chainId)', the node follows '\(context.status.chainId)'; nothing was sent")
            }
            try context.requireBalance(covering: 0, what: "the fee")
            return .evidence(evidence)
        }
    }
}
