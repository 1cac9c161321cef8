/// What is wrong with a genesis file, with the JSON path of the offending field.
public struct GenesisError: Error, Equatable, CustomStringConvertible {
    /// Where in the file: `genesis.allocations[2].amount`.
    public let path: String
    public let problem: String

    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
