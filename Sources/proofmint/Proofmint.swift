import ArgumentParser
import ProofmintWallet

/// The Proofmint wallet: keys in an encrypted keystore, transactions built and signed locally, queries to a node.
@main
struct Proofmint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proofmint",
        abstract: "Proofmint wallet: manage keys, sign and send transactions, query a node.",
        discussion: """
            Keys live in an encrypted keystore (default $HOME/.proofmint/keys; --keystore DIR or PROOFMINT_KEYSTORE). \
            Passwords come from --password-file FILE, else PROOFMINT_PASSWORD, else an interactive prompt. \
            The node is http://127.0.0.1:8645 unless --node URL or PROOFMINT_NODE says otherwise; \
            PROOFMINT_CONTROL_TOKEN_FILE names the token of a node started with --control-token-file. \
            Every command prints for people by default and JSON with --json.
            """,
        version: "proofmint " + ProofmintVersion.text,
        subcommands: [KeysCommand.self, TxCommand.self, QueryCommand.self, ReceiptCommand.self, AttestCommand.self, DevCommand.self]
    )
}
