/// A command-level refusal with a message for the user (for example a transfer that would certainly fail).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
