import ArgumentParser
import Foundation
import ProofmintCore
import ProofmintRPC
import ProofmintSimulation

/// `proofmintd simulate`: the economic simulation (seeds 002/003). It drives the node's own `StateTransition` (not a model
/// of it) over seeded synthetic providers and consumers, so the figures are what the chain would do.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the real state transition over a synthetic, seeded economy; write per-epoch figures (CSV) and a supply chart (SVG).",
        discussion: """
            Builds a genesis in memory with seed 001's allocations (training 20%, ecosystem 15%, treasury 15%, team 10%, \
            public sale 5%, liquidity 5% of 1,000,000,000 AI; the synthetic accounts are funded out of the public sale), \
            lets the providers stake at assorted privacy tiers and locks, and then in every block has random consumers \
            sign compute receipts that providers submit, plus a few transfers. At each epoch's start providers withdraw \
            matured unbonding, sometimes unstake or restake, and sell tokens back to consumers whose balance fell below \
            half of --consumer-balance (a transfer), so the market does not run dry. Each block is proposed, signed and \
            re-checked with StateTransition.apply exactly as a node imports it. The same options and --seed always give \
            the same chain, CSV and chart.

            Time scale: a year is --epochs-per-year × --epoch-length blocks. With the defaults (10-block epochs, 10 \
            epochs a year) the 100 default epochs are 10 simulated years. At seed 001's 100,000,000 AI a year the \
            300,000,000 AI compute-mining cap is reached in the last epoch of year 3 (epoch 29) when every epoch has \
            work; nothing is minted after that, so the halving (first at year 5) no longer matters and supply then moves \
            only with burns. Lower --initial-annual-emission (or raise --mining-cap) to see a schedule in which the \
            halvings do matter.

            Outputs in --out: simulation.csv (one line per epoch; amounts are exact decimal AI) and supply.svg.

            Examples:
              proofmintd simulate --out /tmp/sim
              proofmintd simulate --initial-annual-emission 25000000 --epochs 300 --out /tmp/slow-emission
              proofmintd simulate --min-price 1000 --max-price 5000 --protocol-fee-bps 500 --consumer-balance 1000000 --out /tmp/heavy-burn
            """)

    @Option(help: "Epochs to simulate (one CSV line each).")
    var epochs: UInt64 = 100

    @Option(help: "Seed of the random generator and of the synthetic keys.")
    var seed: UInt64 = 1

    @Option(help: "Synthetic compute providers.")
    var providers: Int = 8

    @Option(help: "Synthetic consumers.")
    var consumers: Int = 16

    @Option(help: "Compute receipts submitted per block.")
    var jobsPerBlock: Int = 4

    @Option(help: "Plain transfers per block.")
    var transfersPerBlock: Int = 2

    @Option(help: "Blocks per epoch.")
    var epochLength: UInt64 = 10

    @Option(help: "Epochs per emission year (a year is this × --epoch-length blocks).")
    var epochsPerYear: UInt64 = 10

    @Option(help: "Emission of years 1 to --halving-years, in AI (default: seed 001's 100000000).")
    var initialAnnualEmission: TokenAmount?

    @Option(help: "Years between halvings (default: 4).")
    var halvingYears: UInt64?

    @Option(help: "Annual emission floor, in AI (default: 6250000).")
    var terminalAnnualEmission: TokenAmount?

    @Option(help: "Everything compute mining may ever mint, in AI (default: 300000000).")
    var miningCap: TokenAmount?

    @Option(help: "Fee of every transaction, in AI (default: the minimum fee, 0.001).")
    var txFee: TokenAmount?

    @Option(help: "Protocol fee on compute payments, in basis points (default: 30).")
    var protocolFeeBps: UInt16?

    @Option(help: "Fee split in basis points as burn/reward_pool/treasury/liquidity (default: 4000/3000/2000/1000).")
    var feeSplit: String?

    @Option(help: "Lowest price of one job, in AI.")
    var minPrice: TokenAmount = TokenAmount(Tokens.one)

    @Option(help: "Highest price of one job, in AI.")
    var maxPrice: TokenAmount = TokenAmount(20 * Tokens.one)

    @Option(help: "Fewest compute units in one job.")
    var minUnits: UInt64 = 100

    @Option(help: "Most compute units in one job.")
    var maxUnits: UInt64 = 10_000

    @Option(help: "Genesis balance of each consumer, in AI (all synthetic balances come out of the 50000000 AI public sale).")
    var consumerBalance: TokenAmount = TokenAmount(100_000 * Tokens.one)

    @Option(help: "Genesis balance of each provider, in AI.")
    var providerBalance: TokenAmount = TokenAmount(10_000 * Tokens.one)

    @Option(help: "Compute validators: each stakes --validator-stake, joins the validator set and answers every receipt it is assigned.")
    var validators: Int = 3

    @Option(help: "Stake of each compute validator, in AI.")
    var validatorStake: TokenAmount = TokenAmount(10_000 * Tokens.one)

    @Option(help: "Share of providers (basis points, rounded down) whose work is fake: sampled receipts get `malicious` and the provider is slashed.")
    var badProviderBps: UInt16 = 0

    @Flag(help: "Commit each proposed block without re-checking it with StateTransition.apply (about twice as fast).")
    var noVerify = false

    @Option(help: "Directory for simulation.csv and supply.svg; created if missing.")
    var out: String = "simulation"

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: ArgumentHelp(
        "Run one attack of docs/ECONOMIC-SECURITY.md instead of the market, and print its cost, gain and outcome: "
            + AttackScenarios.all.map(\.name).joined(separator: ", ") + ".",
        valueName: "NAME"))
    var scenario: String?

    @Option(help: "The scenario's size (attacker accounts, or stake in units of 10,000 AI); default: the audit's.")
    var scale: Int?

    func validate() throws {
        do {
            _ = try makeConfig().parameters()
        } catch let error as SimulationError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        if let scenario {
            let report: ScenarioReport
            do { report = try AttackScenarios.run(scenario, scale: scale) } catch { throw CLIError(error.description) }
            print(json ? report.json.prettyText : report.text)
            return
        }
        let config = try makeConfig()
        let directory = try SimulationOutput.prepare(out)
        let clock = ContinuousClock()
        let started = clock.now
        let result: SimulationResult
        do { result = try Simulator.run(config) } catch { throw CLIError(error.description) }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let csvPath = try SimulationOutput.write(SimulationReport.csv(result), named: "simulation.csv", in: directory)
        let svgPath = try SimulationOutput.write(SimulationReport.svg(result), named: "supply.svg", in: directory)
        let treasury = result.rows.last?.treasury ?? 0
        let staked = result.rows.last?.staked ?? 0
        if json {
            try printJSON([
                "epochs": result.rows.count, "blocks": result.blocks, "transactions": result.transactions,
                "failed_transactions": result.failedTransactions, "proofs": result.totalProofs, "seed": config.seed,
                "genesis_supply": String(result.genesisTotals.supply), "final_supply": String(result.finalSupply),
                "minted": String(result.totalMinted), "burned": String(result.totalBurned), "treasury": String(treasury),
                "staked": String(staked), "mining_cap": String(result.parameters.compute.miningCap),
                "cap_reached_epoch": result.capReachedAtEpoch.map { $0 as Any } ?? NSNull(),
                "state_root": result.finalStateRoot.hex, "seconds": (seconds * 1000).rounded() / 1000, "csv": csvPath, "svg": svgPath,
            ])
        } else {
            let cap = result.parameters.compute.miningCap
            let capNote = result.capReachedAtEpoch.map { epoch in
                "cap \(Tokens.format(cap)) AI reached in epoch \(epoch), year \(epoch / config.epochsPerYear + 1)"
            } ?? "cap \(Tokens.format(cap)) AI not reached"
            print("Simulated \(result.rows.count) epochs: \(result.blocks) blocks, \(result.transactions) transactions "
                + "(\(result.failedTransactions) failed in execution) in \(String(format: "%.2f", seconds)) s")
            print("  proofs          \(result.totalProofs)")
            print("  supply          \(Tokens.format(result.genesisTotals.supply)) AI at genesis → "
                + "\(Tokens.format(result.finalSupply)) AI")
            print("  minted          \(Tokens.format(result.totalMinted)) AI (\(capNote))")
            print("  burned          \(Tokens.format(result.totalBurned)) AI")
            print("  treasury        \(Tokens.format(treasury)) AI")
            print("  staked          \(Tokens.format(staked)) AI")
            print("  state root      \(result.finalStateRoot)")
            print("Wrote \(csvPath) and \(svgPath)")
        }
    }

    private func makeConfig() throws -> SimulationConfig {
        var config = SimulationConfig()
        config.epochs = epochs
        config.seed = seed
        config.providers = providers
        config.consumers = consumers
        config.jobsPerBlock = jobsPerBlock
        config.transfersPerBlock = transfersPerBlock
        config.epochLength = epochLength
        config.epochsPerYear = epochsPerYear
        config.initialAnnualEmission = initialAnnualEmission?.amount
        config.halvingYears = halvingYears
        config.terminalAnnualEmission = terminalAnnualEmission?.amount
        config.miningCap = miningCap?.amount
        config.transactionFee = txFee?.amount
        config.protocolFeeBps = protocolFeeBps
        config.feeSplit = try feeSplit.map(Self.parseFeeSplit)
        config.minPrice = minPrice.amount
        config.maxPrice = maxPrice.amount
        config.minUnits = minUnits
        config.maxUnits = maxUnits
        config.consumerBalance = consumerBalance.amount
        config.providerBalance = providerBalance.amount
        config.verifyBlocks = !noVerify
        config.validators = validators
        config.validatorStake = validatorStake.amount
        config.badProviderBps = badProviderBps
        return config
    }

    /// "4000/3000/2000/1000" (or with commas): burn, reward pool, treasury, liquidity.
    private static func parseFeeSplit(_ text: String) throws -> FeeSplit {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "," }).map { UInt16($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let burn = parts[0], let pool = parts[1], let treasury = parts[2], let liquidity = parts[3] else {
            throw ValidationError(
                "--fee-split must be four basis-point numbers burn/reward_pool/treasury/liquidity adding up to 10000, "
                    + "e.g. 4000/3000/2000/1000")
        }
        return FeeSplit(burnBps: burn, rewardPoolBps: pool, treasuryBps: treasury, liquidityBps: liquidity)
    }
}

/// An amount typed in AI on the command line (`12.5`, `12.5AI`), held in base units.
struct TokenAmount: ExpressibleByArgument {
    let amount: Amount

    init(_ amount: Amount) { self.amount = amount }

    init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces)
        if text.uppercased().hasSuffix(Tokens.symbol) {
            text = String(text.dropLast(Tokens.symbol.count)).trimmingCharacters(in: .whitespaces)
        }
        guard let amount = Tokens.parseTokens(text) else { return nil }
        self.amount = amount
    }

    var defaultValueDescription: String { Tokens.format(amount) }
}

/// Where `simulate` writes its files, with errors that say which path failed and why.
enum SimulationOutput {
    enum Failure: Error, CustomStringConvertible {
        case notADirectory(String)
        case cannotCreate(String, reason: String)
        case cannotWrite(String, reason: String)

        var description: String {
            switch self {
            case let .notADirectory(path): return "--out \(path) exists and is not a directory: choose a directory path"
            case let .cannotCreate(path, reason): return "cannot create the --out directory \(path): \(reason); choose a writable path"
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason); check the --out directory's permissions"
            }
        }
    }

    /// Creates `path` (and its parents) if missing; refuses an existing file.
    static func prepare(_ path: String) throws(Failure) -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notADirectory(path) }
            guard FileManager.default.isWritableFile(atPath: url.path) else { throw .cannotCreate(path, reason: "it is not writable") }
            return url
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path, reason: reason(error))
        }
        return url
    }

    /// Writes `text` atomically as `name` in `directory`; returns the file's path.
    static func write(_ text: String, named name: String, in directory: URL) throws(Failure) -> String {
        let file = directory.appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw .cannotWrite(file.path, reason: reason(error))
        }
        return file.path
    }

    /// Foundation's message without its closing period, to sit inside a sentence.
    private static func reason(_ error: any Error) -> String {
        var text = (error as NSError).localizedDescription
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
