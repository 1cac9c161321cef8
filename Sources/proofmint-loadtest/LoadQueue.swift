/// The batches still to send, handed out in order to whichever connection is free, until the deadline.
actor LoadQueue {
    private let batches: [LoadBatch]
    private let deadline: ContinuousClock.Instant
    private var next = 0

    init(_ batches: [LoadBatch], deadline: ContinuousClock.Instant) {
        self.batches = batches
        self.deadline = deadline
    }

    func take() -> LoadBatch? {
        guard next < batches.count, ContinuousClock.now < deadline else { return nil }
        defer { next += 1 }
        return batches[next]
    }
}
