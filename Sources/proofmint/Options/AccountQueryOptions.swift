import ArgumentParser
import ProofmintWallet

/// What every `query` about one account takes: the account (address or key name), the node, the keystore that
/// resolves names, and the output format.
struct AccountQueryOptions: ParsableArguments {
    @Argument(help: "A pm1… address or the name of a key in the keystore.")
    var account: String

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    /// The account's address and a client for the node.
    func resolve() throws -> (address: Address, client: NodeClient) {
        let environment = WalletEnvironment()
        let address = try WalletInput.account(account, keystore: keystoreOptions.keystore(environment))
        return (address, try nodeOptions.client(environment))
    }

    /// Refuses an answer about another account than the one asked for.
    static func requireAnswer(about answered: Address, asked: Address, client: NodeClient, method: String) throws {
        guard answered == asked else {
            throw RPCError.malformedResponse(url: client.url.absoluteString, method: method, reason: "it answered for \(answered), not \(asked)")
        }
    }
}
