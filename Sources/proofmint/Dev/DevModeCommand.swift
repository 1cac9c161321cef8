import ArgumentParser
import ProofmintWallet

/// `dev mode`: switch the node's mining mode while it runs.
struct DevModeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mode",
        abstract: "Switch the node's mining mode: instant, manual, or interval with --interval-ms.",
        discussion: "Example: proofmint dev mode interval --interval-ms 250 --no-empty-blocks")

    enum Mode: String, ExpressibleByArgument, CaseIterable { case instant, manual, interval }

    @Argument(help: "instant (a block as soon as transactions arrive), manual (only on `dev mine`), or interval.")
    var mode: Mode

    @Option(name: .customLong("interval-ms"), help: ArgumentHelp("The block interval for interval mode.", valueName: "MS"))
    var intervalMs: UInt64?

    @Flag(inversion: .prefixedNo, help: "Whether interval mode produces blocks when the mempool is empty (unchanged if not given).")
    var emptyBlocks: Bool?

    @OptionGroup var nodeOptions: NodeOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if mode == .interval && intervalMs == nil { throw ValidationError("interval mode needs --interval-ms") }
        if mode != .interval && intervalMs != nil { throw ValidationError("--interval-ms goes only with interval mode") }
    }

    func run() async throws {
        let client = try nodeOptions.client(WalletEnvironment())
        let result = try await client.call(
            Calls.SetMiningMode.self, MiningModeParams(mode: mode.rawValue, intervalMs: intervalMs, emptyBlocks: emptyBlocks))
        output.console.result(result.json, text: "mining \(result.mode)\(result.emptyBlocks ? "" : ", no empty blocks")")
    }
}
