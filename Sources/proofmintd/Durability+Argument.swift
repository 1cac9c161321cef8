import ArgumentParser
import ProofmintStorage

/// `--durability` is parsed here, at the edge: an unknown value is refused with the list of valid ones.
extension Durability: ExpressibleByArgument {}
