import ArgumentParser
import ProofmintWallet

/// `proofmint attest`: an attestor signs an attestation for one provider and writes it to a file.
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Sign an attestation as an attestor (a TEE vendor's key in the chain's registry) and write it to a file.",
        discussion: """
            The attestation says: on chain --chain-id, provider --provider runs hardware with measurement --measurement \
            that is good for privacy tier --tier (2 cpu-tee, 3 gpu-tee, 4 tee-io) until height --expires-at. The provider \
            stakes with it: `proofmint tx stake --tier N --attestation FILE`. The chain accepts it only if the signing key \
            is in its attestor registry (`proofmint query attestors`), unrevoked, with a max_tier of at least --tier, and \
            the tier's multiplier counts only while that stays true and the attestation has not expired. No node is contacted.
            Sign with a keystore key (--attestor-key NAME) or, on a devnet, with the INSECURE devnet attestor (--dev-attestor 0, \
            registered by genesis/devnet.json as devnet-attestor-0).
            Example: proofmint attest --dev-attestor 0 --provider dev3 --tier 3 --measurement 5d41402abc4b2a76b9719d911017c592ae0e1f1e58e4b5fd8e5a4fc6f4ba4e16 --expires-at 100000 --out dev3.attestation.json
            """)

    @Option(name: .customLong("attestor-key"), help: ArgumentHelp("The keystore key that signs (an attestor's key).", valueName: "NAME"))
    var attestorKey: String?

    @Option(name: .customLong("dev-attestor"), help: ArgumentHelp(
        "Sign with the INSECURE devnet attestor N (seed BLAKE2b-256(\"proofmint/insecure-dev-attestor/N\")); devnet only.", valueName: "N"))
    var devAttestor: Int?

    @Option(name: .customLong("provider"), help: ArgumentHelp("The provider attested: a pm1… address or the name of a key in the keystore.", valueName: "ADDR|NAME"))
    var provider: String

    @Option(name: .customLong("tier"), help: ArgumentHelp("Privacy tier attested: 2 cpu-tee, 3 gpu-tee, 4 tee-io.", valueName: "2-4"))
    var tier: Int

    @Option(name: .customLong("measurement"), help: ArgumentHelp(
        "The TEE measurement (the hash of its attestation report): 32 bytes as 64 hex digits.", valueName: "HEX64"))
    var measurement: String

    @Option(name: .customLong("expires-at"), help: ArgumentHelp("The last block height at which the attestation counts.", valueName: "HEIGHT"))
    var expiresAt: UInt64

    @Option(name: .customLong("chain-id"), help: ArgumentHelp("The chain the attestation is for.", valueName: "ID"))
    var chainId = "proofmint-devnet-1"

    @OptionGroup var outFile: OutFileOptions

    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let tier = try StakingInput.tier(tier)
        guard tier.rawValue >= PrivacyTier.cpuTEE.rawValue else {
            throw CommandFailure("--tier \(tier.rawValue) needs no attestor: tier 1 stakes with a bare hash, tier 0 with nothing; attest tiers 2–4")
        }
        guard let measurement = try StakingInput.attestation(measurement) else { throw CommandFailure("--measurement is required") }
        let provider = try WalletInput.account(provider, keystore: keystore)
        let chain = try WalletInput.chainId(chainId)
        try outFile.refuseToOverwrite()
        let key: Ed25519.PrivateKey
        switch (attestorKey, devAttestor) {
        case let (text?, nil):
            let name = try KeyName(text)
            let info = try keystore.info(name)
            key = try keystore.unlock(name, password: try passwordOptions.source(environment).unlockPassword(for: info.name.text))
        case let (nil, index?):
            key = try DevAttestor.key(index: index)
            output.console.note(DevAttestor.warning)
        default:
            throw CommandFailure("give exactly one of --attestor-key NAME and --dev-attestor N")
        }
        let signed = Attestation(
            attestor: key.publicKey, chainId: chain, provider: provider, tier: tier, measurement: measurement, expiresAt: expiresAt
        ).signed(by: key)
        let file = AttestationFile(signed: signed)
        try file.write(to: outFile.path, overwrite: outFile.force)
        guard case let .object(members) = file.json else { return }
        output.console.result(
            .object(members + [("path", .string(outFile.path))]),
            text: "Attestation written to \(outFile.path)\n\(Console.table(AttestationFile.lines(signed)))\n"
                + "The provider stakes with it: proofmint tx stake --from NAME --amount AMOUNT --tier \(tier.rawValue) --attestation \(outFile.path)")
    }
}
