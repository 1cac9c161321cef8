/// Why a load run could not go on: the node did not start, did not answer, or answered something unreadable.
struct LoadFailure: Error, CustomStringConvertible {
    let description: String
}
