/// Why a state dump (or the dump inside a fork genesis file) is refused: damaged, edited, or not a dump at all.
public struct StateDumpError: Error, Equatable, CustomStringConvertible {
    public let problem: String

    public init(_ problem: String) { self.problem = problem }

    public var description: String { "state dump \(problem)" }
}
