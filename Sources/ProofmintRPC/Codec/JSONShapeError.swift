import ProofmintCore

/// A JSON document had the wrong shape: `path` names the member (`result.proof.siblings[3]`) and `problem` what is wrong.
public struct JSONShapeError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "'\(path)' \(problem)" }
}
