/// One block build at a time, in arrival order, without blocking the actor: a production run that finds another
/// building waits its turn (suspended, so submissions keep being admitted) and then builds on the block that run made.
/// Owned by the `Node` actor, which serialises every call.
struct BuildTurn {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Whether the turn is free now; if so it is taken. Otherwise `enqueue` the caller's continuation.
    mutating func take() -> Bool {
        guard !held else { return false }
        held = true
        return true
    }

    mutating func enqueue(_ continuation: CheckedContinuation<Void, Never>) { waiting.append(continuation) }

    /// Passes the turn to the first waiting run, or frees it.
    mutating func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
