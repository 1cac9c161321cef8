/// A key in the state. The first byte names the record kind, so each module owns a disjoint key range
/// (as Cosmos SDK modules do with their one-byte prefixes). The layout is part of the protocol.
public struct StateKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: Bytes

    public init(bytes: Bytes) { self.bytes = bytes }

    /// Record kinds. Never renumber: the prefixes are hashed into every state root.
    public enum Prefix: UInt8, CaseIterable, Sendable {
        /// `0x01 ‖ address(20)` → `Account`
        case account = 0x01
        /// `0x02` → `ChainTotals`
        case totals = 0x02
        /// `0x03` → `Parameters`
        case parameters = 0x03
        /// `0x04` → `ValidatorSet`
        case validators = 0x04
        /// `0x05 ‖ address(20)` → `Stake`
        case stake = 0x05
        /// `0x06 ‖ address(20)` → `UnbondingQueue`
        case unbonding = 0x06
        /// `0x07 ‖ H(validator public key ‖ u64 height)` → `0x01`: double signing already punished
        case evidence = 0x07
        /// `0x08` → `EpochState`: the running epoch
        case epoch = 0x08
        /// `0x09 ‖ u64 epoch` → `EpochRecord`: the epoch's work and, once it ended, its settlement
        case epochRecord = 0x09
        /// `0x0A ‖ address(20) ‖ u64 epoch` → `ProviderWork`: one provider's work and reward in one epoch
        case providerWork = 0x0A
        /// `0x0B` → `TeamVesting`
        case vesting = 0x0B
        /// `0x0C ‖ job id(32)` → u64 epoch: version 1–2's job markers; since version 3 the receipt record under
        /// `0x24` guards a job id instead, and nothing is written here
        case job = 0x0C
        /// `0x0D` → `GovernanceState`
        case governance = 0x0D
        /// `0x0E ‖ u64 id` → `GovernanceProposal`
        case proposal = 0x0E
        /// `0x0F ‖ u64 proposal ‖ address(20)` → the voter's latest option (u8)
        case vote = 0x0F
        /// `0x10` → `UpgradePlan`
        case upgrade = 0x10
        /// `0x11 ‖ u64 proposal ‖ u32 n` → address(20): the proposal's n-th voter (from 0), in the order of first votes
        case voter = 0x11
        /// `0x12 ‖ u64 height` → `DueProposals`: the proposals whose tally or execution falls at that height
        case due = 0x12
        /// `0x13 ‖ address(20)` → u32: open slash proposals naming the account (its `withdraw` is refused while > 0)
        case slashHold = 0x13
        /// `0x20 ‖ parameter name (UTF-8)` → `ParameterChangeWindow`: where the parameter's step window started
        /// (protocol version 2; 0x20 leaves 0x11–0x1F to governance's own records)
        case parameterWindow = 0x20
        /// `0x21` → `EmissionAnchor`: where the emission schedule stood at the last change of its epochs per year
        /// (protocol version 2; absent: the schedule's start)
        case emissionAnchor = 0x21
        /// `0x22 ‖ module account name (UTF-8)` → `SpendWindow`: what governance paid from that source in its current
        /// spend window (protocol version 2)
        case spendWindow = 0x22
        /// `0x23` → `ComputeValidators`: the compute validator set (protocol version 3)
        case computeValidators = 0x23
        /// `0x24 ‖ job id(32)` → `ReceiptRecord`: an accepted receipt, its validation and challenge (version 3)
        case receipt = 0x24
        /// `0x25 ‖ u64 height` → u32: how many compute items fall due at that height (version 3)
        case computeDueCount = 0x25
        /// `0x26 ‖ u64 height ‖ u32 n` → job id(32): the n-th compute item due at that height (version 3)
        case computeDue = 0x26
        /// `0x27 ‖ u64 epoch ‖ u32 n` → address(20): the epoch's n-th provider, in order of first receipt (version 3)
        case epochProvider = 0x27
        /// `0x28 ‖ u64 epoch ‖ u32 n` → job id(32): the epoch's n-th accepted receipt (version 3)
        case epochReceipt = 0x28
        /// `0x29` → 32 bytes: the randomness mix, every block's beacon folded in at the block's start
        /// (protocol version 3; absent: 32 zero bytes)
        case randomnessMix = 0x29
        /// `0x2C` → `SettlementCursor`: the oldest unsettled epoch and how far its settlement has come (version 3)
        case settlement = 0x2C
        /// `0x2D ‖ address(20)` → u32: the provider's epochs with work not yet settled; `withdraw` waits for 0 (version 3)
        case computeHold = 0x2D
        /// `0x2A ‖ attestor public key(32)` → `AttestorRecord`: the governance-managed attestor registry (protocol version 3)
        case attestor = 0x2A
    }

    public static func account(_ address: Address) -> StateKey { prefixed(.account, address.bytes) }
    public static let totals = StateKey(bytes: [Prefix.totals.rawValue])
    public static let parameters = StateKey(bytes: [Prefix.parameters.rawValue])
    public static let validators = StateKey(bytes: [Prefix.validators.rawValue])
    public static func stake(_ address: Address) -> StateKey { prefixed(.stake, address.bytes) }
    public static func unbonding(_ address: Address) -> StateKey { prefixed(.unbonding, address.bytes) }
    public static func evidence(validator: Ed25519.PublicKey, height: UInt64) -> StateKey {
        var writer = CanonicalWriter()
        writer.fixed(validator.bytes)
        writer.u64(height)
        return StateKey(bytes: [Prefix.evidence.rawValue] + Hash32.digest(writer.bytes).bytes)
    }

    public static let epoch = StateKey(bytes: [Prefix.epoch.rawValue])
    public static func epochRecord(_ epoch: UInt64) -> StateKey { StateKey(bytes: [Prefix.epochRecord.rawValue] + bigEndian(epoch)) }
    public static func providerWork(_ provider: Address, epoch: UInt64) -> StateKey {
        StateKey(bytes: [Prefix.providerWork.rawValue] + provider.bytes + bigEndian(epoch))
    }
    public static let vesting = StateKey(bytes: [Prefix.vesting.rawValue])
    public static func job(_ id: Hash32) -> StateKey { StateKey(bytes: [Prefix.job.rawValue] + id.bytes) }

    public static let governance = StateKey(bytes: [Prefix.governance.rawValue])
    public static func proposal(_ id: UInt64) -> StateKey { StateKey(bytes: [Prefix.proposal.rawValue] + bigEndian(id)) }
    public static func vote(proposal: UInt64, voter: Address) -> StateKey {
        StateKey(bytes: [Prefix.vote.rawValue] + bigEndian(proposal) + voter.bytes)
    }
    public static let upgrade = StateKey(bytes: [Prefix.upgrade.rawValue])
    public static func voter(proposal: UInt64, index: UInt32) -> StateKey { indexed(.voter, proposal, index) }
    public static func due(height: UInt64) -> StateKey { StateKey(bytes: [Prefix.due.rawValue] + bigEndian(height)) }
    public static func slashHold(_ address: Address) -> StateKey { prefixed(.slashHold, address.bytes) }
    public static func parameterWindow(_ name: String) -> StateKey { StateKey(bytes: [Prefix.parameterWindow.rawValue] + Array(name.utf8)) }
    public static let emissionAnchor = StateKey(bytes: [Prefix.emissionAnchor.rawValue])
    public static func spendWindow(_ source: String) -> StateKey { StateKey(bytes: [Prefix.spendWindow.rawValue] + Array(source.utf8)) }
    public static let computeValidators = StateKey(bytes: [Prefix.computeValidators.rawValue])
    public static func receipt(_ job: Hash32) -> StateKey { StateKey(bytes: [Prefix.receipt.rawValue] + job.bytes) }
    public static func computeDueCount(height: UInt64) -> StateKey { StateKey(bytes: [Prefix.computeDueCount.rawValue] + bigEndian(height)) }
    public static func computeDue(height: UInt64, index: UInt32) -> StateKey { indexed(.computeDue, height, index) }
    public static func epochProvider(epoch: UInt64, index: UInt32) -> StateKey { indexed(.epochProvider, epoch, index) }
    public static func epochReceipt(epoch: UInt64, index: UInt32) -> StateKey { indexed(.epochReceipt, epoch, index) }
    public static let randomnessMix = StateKey(bytes: [Prefix.randomnessMix.rawValue])
    public static let settlement = StateKey(bytes: [Prefix.settlement.rawValue])
    public static func computeHold(_ address: Address) -> StateKey { prefixed(.computeHold, address.bytes) }

    /// `prefix ‖ tail` into an array of the right capacity, where `[prefix] + tail` grew the prefix's array to take the
    /// tail: a transfer makes three account keys.
    private static func prefixed(_ prefix: Prefix, _ tail: Bytes) -> StateKey {
        var bytes = Bytes()
        bytes.reserveCapacity(tail.count + 1)
        bytes.append(prefix.rawValue)
        bytes.append(contentsOf: tail)
        return StateKey(bytes: bytes)
    }

    private static func indexed(_ prefix: Prefix, _ number: UInt64, _ index: UInt32) -> StateKey {
        var writer = CanonicalWriter()
        writer.u64(number)
        writer.u32(index)
        return StateKey(bytes: [prefix.rawValue] + writer.bytes)
    }

    public static func attestor(_ key: Ed25519.PublicKey) -> StateKey { StateKey(bytes: [Prefix.attestor.rawValue] + key.bytes) }

    private static func bigEndian(_ value: UInt64) -> Bytes {
        var writer = CanonicalWriter()
        writer.u64(value)
        return writer.bytes
    }

    public var prefix: Prefix? { bytes.first.flatMap(Prefix.init(rawValue:)) }

    /// The key's place in the state tree.
    public var treeKey: Hash32 { Hash32.digest(bytes) }

    /// A human-readable form for diffs and logs: `account pm1…`, `totals`, …
    public var description: String {
        switch prefix {
        case .account?:
            if let address = try? Address(bytes: Array(bytes.dropFirst())) { return "account \(address)" }
            return "account ?\(bytes.hex)"
        case .totals?: return "totals"
        case .parameters?: return "parameters"
        case .validators?: return "validators"
        case .stake?: return "stake \(addressText)"
        case .unbonding?: return "unbonding \(addressText)"
        case .evidence?: return "evidence \(Array(bytes.dropFirst()).hex)"
        case .epoch?: return "epoch"
        case .epochRecord?: return "epoch-record \(trailingText)"
        case .providerWork?:
            let address = (try? Address(bytes: Array(bytes.dropFirst().prefix(Address.length))))?.text ?? "?"
            return "provider-work \(address) epoch \(trailingText)"
        case .vesting?: return "vesting"
        case .job?: return "job \(Array(bytes.dropFirst()).hex)"
        case .governance?: return "governance"
        case .proposal?: return "proposal \(trailingText)"
        case .vote?:
            let proposal = bytes.count >= 9 ? String(bytes[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) : "?"
            let voter = (try? Address(bytes: Array(bytes.dropFirst(9))))?.text ?? "?"
            return "vote \(proposal) \(voter)"
        case .upgrade?: return "upgrade"
        case .voter?: return "voter \(numberText(at: 1)) #\(indexText)"
        case .due?: return "due \(trailingText)"
        case .slashHold?: return "slash-hold \(addressText)"
        case .parameterWindow?: return "parameter-window \(String(decoding: bytes.dropFirst(), as: UTF8.self))"
        case .emissionAnchor?: return "emission-anchor"
        case .spendWindow?: return "spend-window \(String(decoding: bytes.dropFirst(), as: UTF8.self))"
        case .computeValidators?: return "compute-validators"
        case .receipt?: return "receipt \(Array(bytes.dropFirst()).hex)"
        case .computeDueCount?: return "compute-due \(trailingText)"
        case .computeDue?: return "compute-due \(numberText(at: 1)) #\(indexText)"
        case .epochProvider?: return "epoch-provider \(numberText(at: 1)) #\(indexText)"
        case .epochReceipt?: return "epoch-receipt \(numberText(at: 1)) #\(indexText)"
        case .randomnessMix?: return "randomness-mix"
        case .settlement?: return "settlement"
        case .computeHold?: return "compute-hold \(addressText)"
        case .attestor?: return "attestor \(Array(bytes.dropFirst()).hex)"
        case nil: return "unknown \(bytes.hex)"
        }
    }

    /// The big-endian u64 that ends an epoch- or id-keyed key (`epochRecord`, `providerWork`, `proposal`), if any.
    public var trailingNumber: UInt64? {
        guard bytes.count >= 9 else { return nil }
        return bytes.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    private var trailingText: String { trailingNumber.map(String.init) ?? "?" }

    private func numberText(at offset: Int) -> String {
        guard bytes.count >= offset + 8 else { return "?" }
        return String(bytes[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    private var indexText: String {
        bytes.count == 13 ? String(bytes[9..<13].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) : "?"
    }

    private var addressText: String {
        (try? Address(bytes: Array(bytes.dropFirst())))?.text ?? "?\(bytes.hex)"
    }

    /// Decodes the record stored at `key`; bytes that do not decode are a storage fault naming the key.
    public static func decode<T: CanonicalDecodable>(_ type: T.Type, _ bytes: Bytes, storedAt key: StateKey) throws(StateReadError) -> T {
        do { return try T(canonical: bytes) } catch { throw StateReadError("stored \(key) does not decode: \(error)") }
    }

    /// The key's first eight bytes as a big-endian word, zero-padded: a key whose word is smaller sorts first, and keys
    /// with equal words are ordered by `<`. A search over a block's writes compares these words, held in one array
    /// (`BlockOutcome.stateKeyWords`), before it compares whole keys.
    public var orderWord: UInt64 {
        bytes.withUnsafeBytes { raw in
            if raw.count >= 8 { return UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)) }
            var word: UInt64 = 0
            for (index, byte) in raw.enumerated() { word |= UInt64(byte) << (56 - 8 * index) }
            return word
        }
    }

    /// Byte-lexicographic order, compared in place eight bytes at a time: every block sorts and binary-searches its
    /// writes by key, and a genesis of 10⁷ accounts sorts 10⁷ keys.
    public static func < (lhs: StateKey, rhs: StateKey) -> Bool {
        lhs.bytes.withUnsafeBytes { left in
            rhs.bytes.withUnsafeBytes { right in
                let common = Swift.min(left.count, right.count)
                var index = 0
                while index + 8 <= common {
                    let a = UInt64(bigEndian: left.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    let b = UInt64(bigEndian: right.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    if a != b { return a < b }
                    index += 8
                }
                while index < common {
                    if left[index] != right[index] { return left[index] < right[index] }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }

    /// Hashes the key's bytes in one call (the synthesized hash feeds the hasher a byte at a time). Only for
    /// in-memory dictionaries: nothing hashed this way is encoded or ordered.
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
