import ProofmintCore

/// What admission reads, from one snapshot: the tip (the head with the block being committed layered on), which the
/// checks run against, its parameters (read once for the batch; a failed read refuses each submission where its own
/// read would have), and the committed head, whose nonce the mempool counts from until that commit lands. The tip
/// remembers what it read (`RememberingState`): every admission of the batch reads the same fee records.
struct AdmissionState {
    let tip: any StateReader
    let parameters: Result<Parameters, StateReadError>
    let committed: any StateReader

    init(tip: any StateReader, committed: any StateReader) {
        self.tip = RememberingState(tip)
        self.committed = committed
        parameters = Result { () throws(StateReadError) in try tip.parameters() }
    }
}
