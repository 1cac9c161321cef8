/// A broken invariant found by a fuzz target: a decoder that accepted bytes it does not re-encode identically, a
/// response that is not JSON. The fuzz executables turn it into a crash so libFuzzer keeps the input; the unit tests
/// report it as a failure. A trap in the code under test needs no such help.
public struct FuzzFailure: Error, CustomStringConvertible, Sendable {
    public let target: FuzzTarget
    public let message: String

    public init(_ target: FuzzTarget, _ message: String) {
        self.target = target
        self.message = message
    }

    public var description: String { "fuzz target '\(target.rawValue)': \(message)" }
}
