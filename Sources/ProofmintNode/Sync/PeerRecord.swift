import Foundation
import ProofmintRPC

/// What the follower knows of one peer: its last head, whether it may be used now, and why not.
struct PeerRecord: Sendable {
    enum State: String, Sendable {
        case ok
        case unreachable
        /// It served a block this node refused, or a batch that failed: skipped until `retryAt`.
        case backingOff = "backing_off"
        /// Another chain: never used again.
        case wrongGenesis = "wrong_genesis"
    }

    let client: PeerClient
    var height: UInt64?
    var state = State.ok
    var lastError: String?
    var failures = 0
    var retryAt = ContinuousClock.now

    var usable: Bool { state != .wrongGenesis && ContinuousClock.now >= retryAt }

    /// A failure: the peer rests for the back-off, which doubles with each refused block or failed batch in a row. An
    /// unreachable peer is retried after the base back-off every time (a refused connection costs nothing), so a
    /// validator that comes back is watched again within it and its next block is seen before its slot passes on.
    mutating func failed(_ state: State, _ reason: String, options: FollowOptions) {
        failures += 1
        self.state = state
        lastError = reason
        let doublings = state == .unreachable ? 0 : min(failures - 1, 16)
        let delay = min(options.maxBackoffMs, options.backoffMs << doublings)
        retryAt = ContinuousClock.now + .milliseconds(delay)
    }

    /// The peer answered: its head is known. One that was unreachable is fine again; one that served a refused block
    /// is used again once its back-off is over, and keeps its failure count (and `lastError`) until a batch from it
    /// is accepted, so a peer that keeps serving bad blocks rests longer each time.
    mutating func answered(height: UInt64) {
        self.height = height
        switch state {
        case .unreachable:
            state = .ok
            failures = 0
            lastError = nil
        case .backingOff where ContinuousClock.now >= retryAt: state = .ok
        default: break
        }
    }

    /// A batch from this peer was accepted.
    mutating func served() {
        failures = 0
        lastError = nil
        if state == .backingOff { state = .ok }
    }

    var view: PeerView {
        PeerView(url: client.url.absoluteString, height: height, state: state.rawValue, lastError: lastError)
    }
}
