import Synchronization

/// The per-client limits of the RPC edge (issue 13, D4): a token bucket per client for submissions and one for
/// expensive reads, so one address cannot take the node's signature checks, mempool or read time from everyone else.
/// The map of clients is capped: past `maxClients` the idlest are forgotten (a forgotten client starts again with a
/// full bucket, which is what an idle one would have had anyway), so a spray of addresses cannot grow memory.
public final class ClientRateLimiter: Sendable {
    public struct Limits: Sendable, Equatable {
        public var submissions: TokenBucket.Rate
        public var expensiveReads: TokenBucket.Rate
        /// Loopback clients (the operator's wallet, scripts and tests) get this many times both rates: still bounded.
        public var loopbackFactor: UInt64
        /// Most clients tracked at once.
        public var maxClients: Int

        public init(submissions: TokenBucket.Rate, expensiveReads: TokenBucket.Rate, loopbackFactor: UInt64, maxClients: Int) {
            self.submissions = submissions
            self.expensiveReads = expensiveReads
            self.loopbackFactor = max(loopbackFactor, 1)
            self.maxClients = max(maxClients, 1)
        }

        /// The defaults of `proofmintd start` (docs/RPC.md, "The edge").
        public static let standard = Limits(
            submissions: .init(perSecond: 50, burst: 500), expensiveReads: .init(perSecond: 20, burst: 200), loopbackFactor: 50,
            maxClients: 10_000)
    }

    private struct Client {
        var submissions: TokenBucket
        var expensiveReads: TokenBucket
        var lastSeen: UInt64
        let isLoopback: Bool
    }

    public let limits: Limits
    private let clients = Mutex<[String: Client]>([:])

    public init(limits: Limits = .standard) { self.limits = limits }

    /// Charges one call of `cost` to `client` at `now` (milliseconds of a monotonic clock): nil when it may run,
    /// otherwise the milliseconds until it could.
    public func admit(_ cost: RPCCost, from client: RPCClient, now: UInt64) -> UInt64? {
        guard cost != .free else { return nil }
        return clients.withLock { clients in
            if clients[client.key] == nil {
                if clients.count >= limits.maxClients { makeRoom(in: &clients, now: now) }
                clients[client.key] = Client(
                    submissions: TokenBucket(rate: rate(.submission, loopback: client.isLoopback), now: now),
                    expensiveReads: TokenBucket(rate: rate(.expensiveRead, loopback: client.isLoopback), now: now),
                    lastSeen: now, isLoopback: client.isLoopback)
            }
            let rate = rate(cost, loopback: client.isLoopback)
            // Not nil: inserted above if it was missing.
            guard var state = clients[client.key] else { return nil }
            state.lastSeen = max(state.lastSeen, now)
            let wait = cost == .submission ? state.submissions.take(rate: rate, now: now) : state.expensiveReads.take(rate: rate, now: now)
            clients[client.key] = state
            return wait
        }
    }

    /// How many clients have buckets now.
    public var trackedClients: Int { clients.withLock { $0.count } }

    /// The rate of `cost` for a loopback or remote client.
    public func rate(_ cost: RPCCost, loopback: Bool) -> TokenBucket.Rate {
        let base = cost == .submission ? limits.submissions : limits.expensiveReads
        return loopback ? base.scaled(by: limits.loopbackFactor) : base
    }

    /// Forgets every client whose buckets are full again, then, if that was not enough, the idlest tenth.
    private func makeRoom(in clients: inout [String: Client], now: UInt64) {
        clients = clients.filter { _, client in
            !(client.submissions.isFull(rate: rate(.submission, loopback: client.isLoopback), now: now)
                && client.expensiveReads.isFull(rate: rate(.expensiveRead, loopback: client.isLoopback), now: now))
        }
        guard clients.count >= limits.maxClients else { return }
        let idlest = clients.sorted { ($0.value.lastSeen, $0.key) < ($1.value.lastSeen, $1.key) }.prefix(max(1, clients.count / 10))
        for (key, _) in idlest { clients[key] = nil }
    }
}
