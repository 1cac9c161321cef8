/// Governance's running state: `0x0D` → this record. Version 2: a count of open proposals instead of their list
/// (the end of a block finds its work in the due index, `DueProposals`), and the quorum's denominator in linear stake.
public struct GovernanceState: Equatable, Sendable {
    public var nextProposalId: UInt64
    /// Proposals voting or waiting for execution: bounded by `max_active_proposals`.
    public var openProposals: UInt32
    /// Σ amount over every unjailed stake: the quorum's denominator, kept up to date by every stake write
    /// (`StateOverlay.setStake`) so no tally scans the accounts. Linear, so splitting a stake cannot change it.
    public var totalStake: Amount

    public static let initial = GovernanceState(nextProposalId: 1, openProposals: 0, totalStake: 0)

    public init(nextProposalId: UInt64, openProposals: UInt32, totalStake: Amount) {
        self.nextProposalId = nextProposalId
        self.openProposals = openProposals
        self.totalStake = totalStake
    }
}

/// A passed protocol upgrade: `0x10` → this record. From `height` on, a node that does not know `name` refuses to
/// build or apply blocks (BlockError.unknownUpgrade) instead of forking silently.
public struct UpgradePlan: Equatable, Sendable {
    public var name: String
    public var height: UInt64
    public var proposal: UInt64

    public init(name: String, height: UInt64, proposal: UInt64) {
        self.name = name
        self.height = height
        self.proposal = proposal
    }

    /// Upgrades this build implements. Empty in versions 1 and 2: any passed upgrade halts it at its height.
    public static let known: Set<String> = []
}

extension GovernanceState: CanonicalCodable {
    static let version: UInt8 = 2

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u64(nextProposalId)
        writer.u32(openProposals)
        writer.u128(totalStake)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> GovernanceState {
        try reader.expectVersion(Self.version, of: "governance state")
        return GovernanceState(nextProposalId: try reader.u64(), openProposals: try reader.u32(), totalStake: try reader.u128())
    }
}

extension UpgradePlan: CanonicalCodable {
    static let version: UInt8 = 1

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.string(name)
        writer.u64(height)
        writer.u64(proposal)
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> UpgradePlan {
        try reader.expectVersion(Self.version, of: "upgrade plan")
        return UpgradePlan(name: try reader.string(field: "upgrade name", max: ProposalContent.maxNameBytes), height: try reader.u64(), proposal: try reader.u64())
    }
}

/// `0x0F ‖ u64 proposal ‖ address` → this record: the voter's latest choice.
public struct VoteRecord: CanonicalCodable, Sendable {
    public var option: VoteOption

    public init(option: VoteOption) { self.option = option }

    public func encode(to writer: inout CanonicalWriter) { writer.u8(option.rawValue) }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> VoteRecord {
        let at = reader.offset
        let byte = try reader.u8()
        guard let option = VoteOption(rawValue: byte) else { throw .unknownTag(type: "vote option", tag: byte, offset: at) }
        return VoteRecord(option: option)
    }
}
