import ArgumentParser
import ProofmintNode

/// `proofmintd start`'s request deadline and per-client limits (issue 13, D4; docs/RPC.md, "The edge"). A client is
/// a remote IP address (an IPv6 /64); loopback clients get `--rpc-loopback-factor` times both rates.
struct RPCLimitOptions: ParsableArguments {
    @Option(help: "Seconds a request may take to arrive, head and body, from its first byte (a client trickling bytes is cut).")
    var rpcRequestTimeout = 10

    @Option(help: "pm_sendTransaction calls per second per client (batch entries count one each).")
    var rpcSubmitRate: UInt64 = ClientRateLimiter.Limits.standard.submissions.perSecond

    @Option(help: "pm_sendTransaction calls a client may make at once before --rpc-submit-rate applies.")
    var rpcSubmitBurst: UInt64 = ClientRateLimiter.Limits.standard.submissions.burst

    @Option(help: "Expensive reads (pm_getBlock, list and index queries, pm_previewProposal) per second per client.")
    var rpcReadRate: UInt64 = ClientRateLimiter.Limits.standard.expensiveReads.perSecond

    @Option(help: "Expensive reads a client may make at once before --rpc-read-rate applies.")
    var rpcReadBurst: UInt64 = ClientRateLimiter.Limits.standard.expensiveReads.burst

    @Option(help: "Loopback clients (127.0.0.0/8, ::1) get this many times both rates and bursts.")
    var rpcLoopbackFactor: UInt64 = ClientRateLimiter.Limits.standard.loopbackFactor

    @Option(help: "Most clients whose limits are tracked at once; past it the idlest are forgotten.")
    var rpcMaxClients = ClientRateLimiter.Limits.standard.maxClients

    func validate() throws {
        guard (1...3_600).contains(rpcRequestTimeout) else { throw ValidationError("--rpc-request-timeout must be between 1 and 3600 seconds") }
        for (name, value) in [
            ("--rpc-submit-rate", rpcSubmitRate), ("--rpc-submit-burst", rpcSubmitBurst), ("--rpc-read-rate", rpcReadRate),
            ("--rpc-read-burst", rpcReadBurst),
        ] where !(1...1_000_000).contains(value) {
            throw ValidationError("\(name) must be between 1 and 1000000")
        }
        guard (1...1_000).contains(rpcLoopbackFactor) else { throw ValidationError("--rpc-loopback-factor must be between 1 and 1000") }
        guard (1...1_000_000).contains(rpcMaxClients) else { throw ValidationError("--rpc-max-clients must be between 1 and 1000000") }
    }

    var clientLimits: ClientRateLimiter.Limits {
        ClientRateLimiter.Limits(
            submissions: .init(perSecond: rpcSubmitRate, burst: rpcSubmitBurst),
            expensiveReads: .init(perSecond: rpcReadRate, burst: rpcReadBurst), loopbackFactor: rpcLoopbackFactor, maxClients: rpcMaxClients)
    }
}
