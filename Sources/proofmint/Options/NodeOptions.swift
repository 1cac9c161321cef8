import ArgumentParser
import ProofmintWallet

/// `--node URL`: which node to talk to.
struct NodeOptions: ParsableArguments {
    @Option(name: .customLong("node"), help: ArgumentHelp(
        "JSON-RPC URL of the node (default http://127.0.0.1:8645, or $PROOFMINT_NODE).", valueName: "URL"))
    var url: String?

    func client(_ environment: WalletEnvironment) throws -> NodeClient {
        try environment.nodeClient(flag: url)
    }
}
