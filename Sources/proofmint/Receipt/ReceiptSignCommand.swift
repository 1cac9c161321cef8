import ArgumentParser
import ProofmintWallet

/// `receipt sign`: the consumer attests to compute work it bought, for the provider to submit.
struct ReceiptSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a compute receipt as the consumer and write it to a file for the provider's `tx submit-proof`.",
        discussion: """
            The receipt says: this provider did UNITS of WORKLOAD for me in this epoch at QUALITY (0–100), for PRICE. \
            When the provider submits it, the price moves from your account to the provider's (less the 0.3% protocol \
            fee), once per job id, within the proof window (the receipt's epoch or the one after). Chain id and epoch \
            come from the node unless --chain-id and --epoch are both given (then no node is contacted). The job id is \
            random unless --job-id is given. The receipt names the model, the input and the output by their hashes, so \
            a validator the chain samples can re-run the job and compare: give each as --model-hash/--input-hash/\
            --output-hash (64 hex digits, as your marketplace computed them) or as --model-file/--input-file/\
            --output-file (the wallet hashes the file with BLAKE2b-256, in chunks, so large models are fine).
            Example: proofmint receipt sign --from dev1 --provider dev2 --units 1000 --quality 95 --price 10AI \
            --model-file model.bin --input-file prompt.txt --output-file answer.txt --out job.json
            """)

    @Option(name: .customLong("from"), help: ArgumentHelp("Name of the consumer's key in the keystore (it signs and pays).", valueName: "NAME"))
    var from: String

    @Option(name: .customLong("provider"), help: ArgumentHelp("The provider: a pm1… address or a key name.", valueName: "ACCOUNT"))
    var provider: String

    @Option(name: .customLong("units"), help: ArgumentHelp("Compute units delivered (at least 1).", valueName: "N"))
    var units: UInt64

    @Option(name: .customLong("quality"), help: ArgumentHelp("Quality score 0–100 (multiplier 0.8x at 0 to 1.5x at 100).", valueName: "Q"))
    var quality: UInt8

    @Option(name: .customLong("price"), parsing: .unconditional, help: ArgumentHelp("Price paid: tokens with their unit (10AI) or base units with theirs (1000base).", valueName: "AMOUNT"))
    var price: String

    @Option(name: .customLong("workload"), help: ArgumentHelp("Model or workload id, 1–64 bytes (default 'inference').", valueName: "ID"))
    var workload = "inference"

    @Option(name: .customLong("model-hash"), help: ArgumentHelp("Hash of the model run, 64 hex digits (or --model-file).", valueName: "HEX"))
    var modelHash: String?

    @Option(name: .customLong("model-file"), help: ArgumentHelp("The model file, hashed with BLAKE2b-256 (or --model-hash).", valueName: "FILE"))
    var modelFile: String?

    @Option(name: .customLong("input-hash"), help: ArgumentHelp("Hash of the job's input, 64 hex digits (or --input-file).", valueName: "HEX"))
    var inputHash: String?

    @Option(name: .customLong("input-file"), help: ArgumentHelp("The job's input, hashed with BLAKE2b-256 (or --input-hash).", valueName: "FILE"))
    var inputFile: String?

    @Option(name: .customLong("output-hash"), help: ArgumentHelp("Hash of the output delivered, 64 hex digits (or --output-file).", valueName: "HEX"))
    var outputHash: String?

    @Option(name: .customLong("output-file"), help: ArgumentHelp("The output delivered, hashed with BLAKE2b-256 (or --output-hash).", valueName: "FILE"))
    var outputFile: String?

    @Option(name: .customLong("epoch"), help: ArgumentHelp("Epoch of the work (default: the node's running epoch).", valueName: "N"))
    var epoch: UInt64?

    @Option(name: .customLong("job-id"), help: ArgumentHelp("32-byte job id in hex (default: random).", valueName: "HEX"))
    var jobId: String?

    @Option(name: .customLong("chain-id"), help: ArgumentHelp("Chain id (default: the node's).", valueName: "ID"))
    var chainId: String?

    @OptionGroup var outFile: OutFileOptions

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var keystoreOptions: KeystoreOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if units == 0 { throw ValidationError("--units must be at least 1") }
        if quality > ComputeReceipt.maxQualityScore { throw ValidationError("--quality must be between 0 and 100") }
        if workload.isEmpty || workload.utf8.count > ComputeReceipt.maxWorkloadBytes { throw ValidationError("--workload must be 1–64 bytes") }
    }

    func run() async throws {
        let environment = WalletEnvironment()
        let keystore = keystoreOptions.keystore(environment)
        let consumer = try keystore.info(try KeyName(from))
        let providerAddress = try WalletInput.account(provider, keystore: keystore)
        guard providerAddress != consumer.address else { throw CommandFailure("the consumer and the provider are the same account; the chain refuses such receipts") }
        let amount = try WalletInput.amount(price, field: "price")
        let model = try VerificationInput.contentHash(hex: modelHash, file: modelFile, name: "model")
        let input = try VerificationInput.contentHash(hex: inputHash, file: inputFile, name: "input")
        let result = try VerificationInput.contentHash(hex: outputHash, file: outputFile, name: "output")
        let job = try jobId.map { try WalletInput.jobId($0) } ?? Hash32.digest(SecureRandom.bytes(32))
        try outFile.refuseToOverwrite()
        let (chain, workEpoch) = try await chainAndEpoch(environment)

        let key = try keystore.unlock(consumer.name, password: try passwordOptions.source(environment).unlockPassword(for: consumer.name.text))
        let receipt = ComputeReceipt(
            chainId: chain, jobId: job, consumer: key.publicKey, provider: providerAddress, epoch: workEpoch, workload: workload,
            modelHash: model, inputHash: input, outputHash: result, units: units, quality: quality, price: amount)
        let file = ComputeReceiptFile(signed: receipt.signed(by: key))
        try file.write(to: outFile.path, overwrite: outFile.force)
        guard case let .object(members) = file.json else { return }
        output.console.result(
            .object(members + [("path", .string(outFile.path))]),
            text: "Compute receipt signed by \(consumer.name.text) written to \(outFile.path)\n\(Console.table(ComputeReceiptFile.lines(receipt)))\n"
                + "The provider submits it with: proofmint tx submit-proof --from PROVIDER --receipt \(outFile.path)")
    }

    /// The chain id and epoch: as given, or asked of the node.
    private func chainAndEpoch(_ environment: WalletEnvironment) async throws -> (String, UInt64) {
        if let chainId, let epoch { return (try WalletInput.chainId(chainId), epoch) }
        let client = try nodeOptions.client(environment)
        let status = try await client.status()
        if let chainId, chainId != status.chainId {
            throw CommandFailure("--chain-id '\(chainId)' differs from the node's chain '\(status.chainId)'; nothing was signed")
        }
        let running = try await client.epoch().epoch
        return (try WalletInput.chainId(status.chainId), epoch ?? running)
    }
}
