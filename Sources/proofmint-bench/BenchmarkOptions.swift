import ProofmintStorage

/// Command-line options of the benchmark (a small harness: no argument library needed for five flags).
struct BenchmarkOptions {
    var accounts: [Int] = [100_000, 1_000_000]
    /// Blocks a point-1 run applies: the pipeline's fill (the first block's checks with nothing to execute beside them)
    /// and drain (the last run's execution and commit with no checks beside them) leave a core idle, a fifth of a run of
    /// 5 blocks and a twentieth of one of 20, so 20 measures the steady rate a node applying blocks one after another has.
    var blocks = 20
    var transactions = 10_000
    var durability = Durability.full
    /// Whether the benchmark's stores keep the explorer's indexes, as a node's home does unless made with
    /// `--no-explorer-indexes`.
    var explorerIndexes = true
    var pipeline = true
    /// Most blocks one commit may write (`BlockImporter`'s group commit); 1 commits every block alone, for comparison.
    var maxRun = BlockImporter.defaultMaxRun
    var help = false
    /// The replay measurement: a chain of this many blocks of this many transfers, 0 to skip.
    var replayBlocks = 1000
    var replayTransactions = 1000
    /// The compute measurement: a block of `transactions` submit-proofs into an epoch already holding this many
    /// providers' work (empty to skip).
    var proofProviders: [Int] = [1000, 100_000]
    /// One block of each of these kinds (`KindBenchmark`), empty to skip.
    var kinds: [KindBenchmark.Kind] = KindBenchmark.Kind.allCases
    /// Take a devnet snapshot before the blocks, then measure the undo records they left and the revert to it.
    var snapshot = false

    static let usage = """
        usage: proofmint-bench [--accounts 100000,1000000] [--blocks 20] [--transactions 10000]
                               [--durability full|meta|none] [--no-pipeline] [--max-run 4]   (--max-run 1: a commit a block)
                               [--no-explorer-indexes]   (stores made as `proofmintd init --no-explorer-indexes` makes them)
                               [--replay-blocks 1000] [--replay-transactions 1000]   (--replay-blocks 0 skips the replay)
                               [--proof-providers 1000,100000]   (--proof-providers none skips the submit-proof blocks)
                               [--kinds transfer,stake,unstake,vote,submit-proof,mixed]   (--kinds none skips them)
                               [--snapshot]   (snapshot before the blocks: undo bytes per block, revert time)
        """

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--help", "-h": help = true
            case "--no-pipeline": pipeline = false
            case "--snapshot": snapshot = true
            case "--no-explorer-indexes": explorerIndexes = false
            case "--accounts":
                accounts = try (iterator.next() ?? "").split(separator: ",").map { text in
                    guard let value = Int(text), value >= 1000 else { throw Invalid(description: "--accounts takes counts ≥ 1000, comma separated") }
                    return value
                }
            case "--blocks": blocks = try Self.positive(iterator.next(), flag)
            case "--max-run": maxRun = try Self.positive(iterator.next(), flag)
            case "--transactions": transactions = try Self.positive(iterator.next(), flag)
            case "--replay-blocks": replayBlocks = Int(iterator.next() ?? "") ?? -1
                guard replayBlocks >= 0 else { throw Invalid(description: "--replay-blocks takes a count (0 skips)") }
            case "--replay-transactions": replayTransactions = try Self.positive(iterator.next(), flag)
            case "--proof-providers":
                let text = iterator.next() ?? ""
                proofProviders = try text == "none" ? [] : text.split(separator: ",").map { item in
                    guard let value = Int(item), value >= 0 else { throw Invalid(description: "--proof-providers takes counts, comma separated, or none") }
                    return value
                }
            case "--kinds":
                let text = iterator.next() ?? ""
                kinds = try text == "none" ? [] : text.split(separator: ",").map { name in
                    guard let kind = KindBenchmark.Kind(rawValue: String(name)) else {
                        throw Invalid(description: "--kinds takes \(KindBenchmark.Kind.allCases.map(\.rawValue).joined(separator: ",")) or none")
                    }
                    return kind
                }
            case "--durability":
                guard let value = iterator.next().flatMap(Durability.init(rawValue:)) else {
                    throw Invalid(description: "--durability is full, meta or none")
                }
                durability = value
            default: throw Invalid(description: "unknown option \(flag)\n\(Self.usage)")
            }
        }
    }

    /// The options of a benchmark's store, with a map of `mapSize` bytes.
    func store(mapSize: Int) -> ChainStore.Options {
        var store = ChainStore.Options(mapSize: mapSize, durability: durability)
        store.explorerIndexes = explorerIndexes
        return store
    }

    private static func positive(_ text: String?, _ flag: String) throws -> Int {
        guard let text, let value = Int(text), value > 0 else { throw Invalid(description: "\(flag) takes a positive number") }
        return value
    }
}
