import ArgumentParser
import ProofmintWallet

/// `query validations`: sampled receipts waiting for a verdict, for validators to find their work.
struct QueryValidationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validations",
        abstract: "List sampled compute receipts waiting for a verdict (all, one validator's, or your keys').",
        discussion: """
            Each is assigned to one validator, who must send `proofmint tx validate JOB_ID` by its deadline height or \
            be slashed compute.missed_validation_slash_bps (the receipt then goes to another validator). Soonest \
            deadline first. The model, input and output hashes identify what to re-run.
            Example: proofmint query validations --mine
            """)

    @Option(name: .customLong("validator"), help: ArgumentHelp("Only those assigned to this validator: a pm1… address or a key name.", valueName: "ACCOUNT"))
    var validator: String?

    @Flag(name: .customLong("mine"), help: "Only those assigned to a key in the keystore.")
    var mine = false

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if mine && validator != nil { throw ValidationError("give --validator or --mine, not both") }
    }

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let client = try nodeOptions.client(environment)
        var answer = try await client.pendingValidations(validator: try validator.map { try WalletInput.account($0, keystore: keystore) })
        if mine {
            let own = Set(try keystore.list().compactMap { listing -> Address? in
                if case let .key(info) = listing { return info.address }
                return nil
            })
            answer.validations = answer.validations.filter { $0.validator.map(own.contains) ?? false }
        }
        output.console.result(answer.json, text: VerificationPresentation.validationsText(answer) { Console.table($0) })
    }
}
