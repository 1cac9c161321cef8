import ArgumentParser
import ProofmintStorage

/// `--map-size`, shared by `init` and `start`: the database's initial memory map, which doubles whenever a commit
/// fills it, so it bounds nothing; a small one only costs a few remaps as the chain grows.
struct MapSizeOption: ParsableArguments {
    @Option(help: "Initial size of the database's memory map in bytes (at least 65536); it doubles whenever a commit fills it.")
    var mapSize = 1 << 30

    func validate() throws {
        guard mapSize >= ChainStore.Options.minimumMapSize else {
            throw ValidationError("--map-size must be at least \(ChainStore.Options.minimumMapSize) bytes")
        }
    }
}
