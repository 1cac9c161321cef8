import ArgumentParser
import Foundation
import ProofmintNode
import ProofmintRPC

/// `proofmintd start`'s peers: `--follow URL` makes the node fetch, verify and commit its peers' blocks
/// (`ChainFollower`), and forward the transactions it admits to them.
struct FollowFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A peer's RPC URL to follow (repeat it, or give a comma-separated list): blocks are fetched from it, verified and committed; transactions sent here are forwarded to it.",
        valueName: "URL"))
    var follow: [String] = []

    @Option(help: "Milliseconds a peer block may be stamped ahead of this node's clock; a block further ahead waits (it is not refused).")
    var followMaxDrift: UInt64 = 5_000

    @Option(help: "Milliseconds one long poll of a peer's head (pm_waitForHead) waits for a new block.")
    var followPoll: UInt64 = 5_000

    @Option(help: "Milliseconds a peer rests after it failed or served a refused block (doubling with each failure, up to 30 s).")
    var followBackoff: UInt64 = 500

    /// The peers as URLs; an entry without a scheme gets `http://`.
    var peers: [URL] {
        get throws {
            try follow.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { text in
                let full = text.contains("://") ? text : "http://\(text)"
                guard let url = URL(string: full), url.host != nil, url.scheme == "http" || url.scheme == "https" else {
                    throw ValidationError("--follow \(text) is not an http(s) URL such as http://127.0.0.1:8646")
                }
                return url
            }
        }
    }

    func validate() throws {
        _ = try peers
        guard (1...WaitForHeadParams.maxTimeoutMs).contains(followPoll) else { throw ValidationError("--follow-poll must be between 1 and \(WaitForHeadParams.maxTimeoutMs) ms") }
        guard followBackoff >= 1 else { throw ValidationError("--follow-backoff must be at least 1 ms") }
        guard followMaxDrift <= 86_400_000 else { throw ValidationError("--follow-max-drift must be at most 86400000 ms (a day)") }
    }

    /// The follower's options, or nil without `--follow`.
    func options() throws -> FollowOptions? {
        let peers = try self.peers
        guard !peers.isEmpty else { return nil }
        var options = FollowOptions(peers: peers)
        options.maxDriftMs = followMaxDrift
        options.longPollMs = followPoll
        options.backoffMs = followBackoff
        return options
    }
}
