/// The chain's starting point: chain id, time, parameters, validators and the initial balances.
/// Block 0 is derived from it deterministically; its hash identifies the chain.
public struct Genesis: Equatable, Sendable {
    /// One initial balance.
    public struct Allocation: Equatable, Sendable {
        public let name: String?
        public let address: Address
        public let amount: Amount

        public init(name: String?, address: Address, amount: Amount) {
            self.name = name
            self.address = address
            self.amount = amount
        }
    }

    /// The largest supply that may ever exist: 1,000,000,000 AI.
    public static let maxSupply: Amount = 1_000_000_000 * Tokens.one

    public let chainId: String
    /// Unix milliseconds: the genesis block's timestamp.
    public let genesisTime: UInt64
    public let parameters: Parameters
    public let validators: ValidatorSet
    /// In file order; duplicates are refused.
    public let allocations: [Allocation]
    /// How the `team` module allocation vests to its beneficiary; nil keeps it in the module account.
    public let teamVesting: TeamVesting?
    /// In validator order: each moves its amount from the validator's allocation into its stake.
    public let bonds: [ValidatorBond]
    /// The attestor registry at height 0 (protocol version 3); governance changes it afterwards.
    public let attestors: [GenesisAttestor]
    /// A fork's genesis (`init(forking:)`): its state is exactly these entries and the fields above are not written.
    public let stateDump: StateDump?
    /// `"devnet": true` in the genesis file: the chain is a local devnet, on which a node started with `--dev-control`
    /// serves the devnet tools (time control, fast mining, snapshots, the faucet). It writes no state.
    public let devnet: Bool

    /// Whether the devnet tools may be used on this chain: a genesis that says so, or a fork (`init --from-state`), which
    /// is a local experiment on a copy of a chain's state by construction.
    public var isDevnet: Bool { devnet || stateDump != nil }

    public init(
        chainId: String, genesisTime: UInt64, parameters: Parameters, validators: ValidatorSet, allocations: [Allocation],
        teamVesting: TeamVesting? = nil, bonds: [ValidatorBond] = [], attestors: [GenesisAttestor] = [], stateDump: StateDump? = nil,
        devnet: Bool = false
    ) {
        self.chainId = chainId
        self.genesisTime = genesisTime
        self.parameters = parameters
        self.validators = validators
        self.allocations = allocations
        self.teamVesting = teamVesting
        self.bonds = bonds
        self.attestors = attestors
        self.stateDump = stateDump
        self.devnet = devnet
    }

    /// The initial state's writes, sorted by key. `parse` guarantees the allocations fit; a hand-built genesis
    /// whose allocations overflow is clamped at the maximum representable supply rather than trapping; a bond its
    /// allocation does not cover (refused by `parse`) is left out.
    public func stateWrites() -> [(key: StateKey, value: Bytes?)] {
        if let stateDump { return stateDump.entries.map { ($0.key, $0.value) } }
        var overlay = StateOverlay(base: EmptyState(), expectedWrites: bonds.count * 2 + attestors.count + 16)
        var issued: Amount = 0
        for allocation in allocations {
            let (sum, overflow) = issued.addingReportingOverflow(allocation.amount)
            issued = overflow ? Amount.max : sum
        }
        var staked: Amount = 0
        var computeValidators = ComputeValidators.empty
        for bond in bonds {
            let balance = allocations.first { $0.address == bond.address }?.amount ?? 0
            guard bond.amount > 0, balance >= bond.amount, let total = checkedAdd(staked, bond.amount) else { continue }
            overlay.setAccount(Account(nonce: 0, balance: balance - bond.amount), for: bond.address)
            let stake = Stake(amount: bond.amount, lockEpochs: 0, lockedUntil: 0, tier: .open, attestation: nil, reputation: 0, jailed: false)
            // Only the quorum sum can fail here, and only past 2¹²⁸: then the bond is left out, as above.
            guard (try? overlay.setStake(stake, for: bond.address)) != nil else { continue }
            staked = total
            // Version 3: a bonded block validator starts in the compute validator set if its bond is enough for it.
            if bond.amount >= parameters.compute.verification.validatorMinStake { computeValidators.insert(bond.address) }
        }
        overlay.put(ChainTotals(issued: issued, burned: 0, feesPaid: 0, staked: staked), at: .totals)
        overlay.put(parameters, at: .parameters)
        overlay.put(validators, at: .validators)
        overlay.put(EpochState.genesis, at: .epoch)
        if !computeValidators.members.isEmpty { overlay.put(computeValidators, at: .computeValidators) }
        if let teamVesting { overlay.put(teamVesting, at: .vesting) }
        for attestor in attestors {
            overlay.put(AttestorRecord(name: attestor.name, maxTier: attestor.maxTier, addedAt: 0), at: .attestor(attestor.publicKey))
        }
        // The allocations' accounts come first; what the overlay wrote (a bonded validator's account) replaces them.
        return GenesisAccounts.merge(GenesisAccounts.writes(of: allocations), overlay.sortedWrites)
    }

    /// Block 0 and the writes that create the initial state. The tree comes from the bulk build (`StateTree.build`,
    /// whose nodes come in descending key order), its nodes sorted by path as every block's are.
    public func genesisBlock() -> (block: Block, outcome: BlockOutcome) {
        let writes = stateWrites()
        var nodes: [(path: NodePath, node: TreeNode?)] = []
        let root = StateTree.build(sorted: Self.treeEntries(of: writes)[...]) { path, node in nodes.append((path, node)) }
        nodes.reverse()
        let block = block(stateRoot: root)
        return (block, BlockOutcome(header: block.header, stateWrites: writes, treeNodes: nodes, receipts: []))
    }

    /// Block 0 over a state whose root is `stateRoot`: for a store that builds the genesis tree itself
    /// (`StateTree.buildInKeyOrder`), node by node, rather than through `genesisBlock`.
    public func block(stateRoot: Hash32) -> Block {
        let header = BlockHeader(
            chainId: chainId, height: 0, parentHash: .zero, timestamp: genesisTime, transactionRoot: .zero,
            receiptRoot: .zero, stateRoot: stateRoot, transactionCount: 0,
            producer: Bytes(repeating: 0, count: Ed25519.publicKeyLength), beacon: BlockHeader.genesisBeacon)
        return Block(header: header, signature: Bytes(repeating: 0, count: Ed25519.signatureLength), transactions: [])
    }

    /// The tree entries of `writes` (key hash, value hash), sorted by key hash, for the bulk build.
    /// Two hashes an entry, 2·10⁷ for a genesis of 10⁷ accounts, so they are taken on every core.
    public static func treeEntries(of writes: [(key: StateKey, value: Bytes?)]) -> [(Hash32, Hash32)] {
        let present = writes.compactMap { write in write.value.map { (write.key, $0) } }
        let entries = ParallelMap.map(count: present.count, threshold: 4_096) { index in
            (present[index].0.treeKey, Hash32.digest(present[index].1))
        }
        return sortedByKey(entries)
    }

    /// `entries` sorted by key: the keys are BLAKE2b hashes, whose leading bits are uniform.
    static func sortedByKey(_ entries: [(Hash32, Hash32)]) -> [(Hash32, Hash32)] {
        LeadingBitsSort.sorted(entries, leadingBits: { $0.0.w0 }, by: { $0.0 < $1.0 })
    }
}

/// A state with nothing in it: the parent of genesis.
public struct EmptyState: StateReader {
    public init() {}
    public func value(for key: StateKey) throws(StateReadError) -> Bytes? { nil }
    public func treeNode(at path: NodePath) throws(StateReadError) -> TreeNode? { nil }
}
