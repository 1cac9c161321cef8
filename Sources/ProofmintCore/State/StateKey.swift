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
    }

    public static func account(_ address: Address) -> StateKey { StateKey(bytes: [Prefix.account.rawValue] + address.bytes) }
    public static let totals = StateKey(bytes: [Prefix.totals.rawValue])
    public static let parameters = StateKey(bytes: [Prefix.parameters.rawValue])
    public static let validators = StateKey(bytes: [Prefix.validators.rawValue])
    public static func stake(_ address: Address) -> StateKey { StateKey(bytes: [Prefix.stake.rawValue] + address.bytes) }
    public static func unbonding(_ address: Address) -> StateKey { StateKey(bytes: [Prefix.unbonding.rawValue] + address.bytes) }
    public static func evidence(validator: Ed25519.PublicKey, height: UInt64) -> StateKey {
        var writer = CanonicalWriter()
        writer.fixed(validator.bytes)
        writer.u64(height)
        return StateKey(bytes: [Prefix.evidence.rawValue] + Hash32.digest(writer.bytes).bytes)
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
        case nil: return "unknown \(bytes.hex)"
        }
    }

    private var addressText: String {
        (try? Address(bytes: Array(bytes.dropFirst())))?.text ?? "?\(bytes.hex)"
    }

    /// Decodes the record stored at `key`; bytes that do not decode are a storage fault naming the key.
    public static func decode<T: CanonicalDecodable>(_ type: T.Type, _ bytes: Bytes, storedAt key: StateKey) throws(StateReadError) -> T {
        do { return try T(canonical: bytes) } catch { throw StateReadError("stored \(key) does not decode: \(error)") }
    }

    public static func < (lhs: StateKey, rhs: StateKey) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
