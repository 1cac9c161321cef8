/// A storage read failed: the database is unreadable or holds bytes that do not decode.
public struct StateReadError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
