import ProofmintCore

/// Whose turn it is: the one place the node asks the core which validator may make the block after the head at a
/// given timestamp (PROTOCOL.md §4.4: in turn, and a silent producer's slot passes on after each slot timeout), so a
/// validator node produces only in its slot and otherwise waits for its peers' block.
enum SlotSchedule {
    /// The validator the core schedules for the block after `parent` stamped `timestamp`, nil if none.
    static func producer(after parent: BlockHeader, timestamp: UInt64, state: any StateReader) throws -> ValidatorSet.Validator? {
        try StateTransition.scheduledProducer(
            height: parent.height + 1, parentTimestamp: parent.timestamp, timestamp: max(timestamp, parent.timestamp), state: state)
    }
}
