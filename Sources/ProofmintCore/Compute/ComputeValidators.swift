/// The compute validator set (seed 003's validator network): `0x23` → this record (protocol version 3). Members
/// join with a `validator` transaction (or at genesis with a bond) and are weighted by their stake when a receipt
/// is assigned or a challenge is voted on. Addresses are kept sorted, so every walk over them is in one order.
public struct ComputeValidators: Equatable, Sendable {
    public var members: [Address]

    public static let empty = ComputeValidators(members: [])

    public init(members: [Address]) { self.members = members.sorted() }

    public func contains(_ address: Address) -> Bool { members.contains(address) }

    mutating func insert(_ address: Address) {
        guard !contains(address) else { return }
        members.append(address)
        members.sort()
    }

    mutating func remove(_ address: Address) { members.removeAll { $0 == address } }
}

extension ComputeValidators: CanonicalCodable {
    static let version: UInt8 = 1
    static let maxMembers = 1000

    public func encode(to writer: inout CanonicalWriter) {
        writer.u8(Self.version)
        writer.u32(UInt32(members.count))
        for member in members { writer.fixed(member.bytes) }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> ComputeValidators {
        try reader.expectVersion(Self.version, of: "compute validators")
        let count = Int(try reader.u32())
        guard count <= maxMembers else { throw .lengthTooLarge(field: "compute validators", length: count, max: maxMembers) }
        var members = [Address]()
        for _ in 0..<count { members.append(try reader.address()) }
        return ComputeValidators(members: members)
    }
}
