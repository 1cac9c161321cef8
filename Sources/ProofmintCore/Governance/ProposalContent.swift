import ProofmintCrypto

/// What a proposal would do if it passes.
public enum ProposalContent: Equatable, Sendable {
    /// Named parameters (ParameterRegistry) and their new values; names unique, sorted by name.
    case parameterChange([ParameterChange])
    /// Pays `amount` from the module account named `source` (one of `spendSources`, by name) to `recipient`.
    case treasurySpend(recipient: Address, amount: Amount, source: String = ModuleAccount.treasury.rawValue)
    /// At `height`, a node that does not know `name` stops instead of forking silently.
    case upgrade(name: String, height: UInt64)
    case slash(provider: Address, reason: SlashReason, bps: UInt16)
    /// A signalling proposal: a title and the hash of the document it refers to.
    case text(title: String, documentHash: Hash32)
    /// Adds `publicKey` to the attestor registry (or, if it is there and not revoked, updates its name and max tier),
    /// or revokes it for good (protocol version 3).
    case attestor(publicKey: Ed25519.PublicKey, name: String, maxTier: PrivacyTier, action: AttestorAction)

    /// What an `attestor` proposal does to its key. Stable codes.
    public enum AttestorAction: UInt8, CaseIterable, Sendable {
        case add = 1
        case revoke = 2
        public var name: String { self == .add ? "add" : "revoke" }
    }

    public struct ParameterChange: Equatable, Sendable {
        public var name: String
        public var value: UInt128
        public init(name: String, value: UInt128) {
            self.name = name
            self.value = value
        }
    }

    public static let maxChanges = 16
    /// The module accounts a `treasury_spend` may name as its source (protocol version 2), in this order.
    public static let spendSources: [ModuleAccount] = [.treasury, .ecosystem, .liquidity, .training, .publicSale]
    public static let maxNameBytes = 64

    public var kind: ProposalKind {
        switch self {
        case .parameterChange: return .parameterChange
        case .treasurySpend: return .treasurySpend
        case .upgrade: return .upgrade
        case .slash: return .slash
        case .text: return .text
        case .attestor: return .attestor
        }
    }
}

extension ProposalContent: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(kind.rawValue)
        switch self {
        case let .parameterChange(changes):
            writer.u8(UInt8(clamping: changes.count))
            for change in changes.prefix(Int(UInt8.max)) {
                writer.string(change.name)
                writer.u128(change.value)
            }
        case let .treasurySpend(recipient, amount, source):
            writer.fixed(recipient.bytes)
            writer.u128(amount)
            writer.string(source)
        case let .upgrade(name, height):
            writer.string(name)
            writer.u64(height)
        case let .slash(provider, reason, bps):
            writer.fixed(provider.bytes)
            writer.u8(reason.rawValue)
            writer.u16(bps)
        case let .text(title, documentHash):
            writer.string(title)
            writer.hash(documentHash)
        case let .attestor(publicKey, name, maxTier, action):
            writer.fixed(publicKey.bytes)
            writer.string(name)
            writer.u8(maxTier.rawValue)
            writer.u8(action.rawValue)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ProposalContent {
        let at = reader.offset
        let tag = try reader.u8()
        switch ProposalKind(rawValue: tag) {
        case .parameterChange?:
            let count = Int(try reader.u8())
            guard count <= maxChanges else { throw .lengthTooLarge(field: "parameter changes", length: count, max: maxChanges) }
            var changes = [ParameterChange]()
            for _ in 0..<count {
                changes.append(ParameterChange(name: try reader.string(field: "parameter name", max: maxNameBytes), value: try reader.u128()))
            }
            return .parameterChange(changes)
        case .treasurySpend?:
            return .treasurySpend(
                recipient: try reader.address(), amount: try reader.u128(), source: try reader.string(field: "spend source", max: maxNameBytes))
        case .upgrade?:
            return .upgrade(name: try reader.string(field: "upgrade name", max: maxNameBytes), height: try reader.u64())
        case .slash?:
            let provider = try reader.address()
            let reasonAt = reader.offset
            let reasonByte = try reader.u8()
            guard let reason = SlashReason(rawValue: reasonByte) else {
                throw .unknownTag(type: "slash reason", tag: reasonByte, offset: reasonAt)
            }
            return .slash(provider: provider, reason: reason, bps: try reader.u16())
        case .text?:
            return .text(title: try reader.string(field: "proposal title", max: 256), documentHash: try reader.hash())
        case .attestor?:
            let key = try reader.publicKey()
            let name = try reader.string(field: "attestor name", max: AttestorRecord.maxNameBytes)
            let tierAt = reader.offset
            let tierByte = try reader.u8()
            guard let tier = PrivacyTier(rawValue: tierByte) else { throw .unknownTag(type: "privacy tier", tag: tierByte, offset: tierAt) }
            let actionAt = reader.offset
            let actionByte = try reader.u8()
            guard let action = AttestorAction(rawValue: actionByte) else {
                throw .unknownTag(type: "attestor action", tag: actionByte, offset: actionAt)
            }
            return .attestor(publicKey: key, name: name, maxTier: tier, action: action)
        case nil:
            throw .unknownTag(type: "proposal kind", tag: tag, offset: at)
        }
    }
}

extension ProposalContent {
    /// The content as name/value pairs (amounts in base units), for JSON and text at the edges.
    public var fields: [(name: String, value: String)] {
        switch self {
        case let .parameterChange(changes):
            return changes.map { (name: $0.name, value: String($0.value)) }
        case let .treasurySpend(recipient, amount, source):
            return [("recipient", recipient.text), ("amount", String(amount)), ("source", source)]
        case let .upgrade(name, height):
            return [("name", name), ("height", String(height))]
        case let .slash(provider, reason, bps):
            return [("provider", provider.text), ("reason", reason.name), ("bps", String(bps))]
        case let .text(title, documentHash):
            return [("title", title), ("document_hash", documentHash.hex)]
        case let .attestor(publicKey, name, maxTier, action):
            return [("public_key", publicKey.bytes.hex), ("name", name), ("max_tier", String(maxTier.rawValue)), ("action", action.name)]
        }
    }
}
