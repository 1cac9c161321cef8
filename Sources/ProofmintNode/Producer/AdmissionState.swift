import ProofmintCore

/// What admission reads, from one snapshot: the tip (the head with the block being committed layered on), which the
/// checks run against, and the committed head, whose nonce the mempool counts from until that commit lands.
struct AdmissionState {
    let tip: any StateReader
    let committed: any StateReader
}
