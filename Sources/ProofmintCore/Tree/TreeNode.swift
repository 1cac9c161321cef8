import ProofmintCrypto

/// A node of the state tree. Internal nodes keep both child hashes, so an update never reads an untouched sibling.
public enum TreeNode: Hashable, Sendable {
    /// One state entry: the hash of its key and the hash of its value.
    case leaf(key: Hash32, valueHash: Hash32)
    /// Two subtrees; an empty side has the zero hash.
    case `internal`(left: Hash32, right: Hash32)

    static let leafTag: UInt8 = 0x00
    static let internalTag: UInt8 = 0x01

    /// `BLAKE2b-256(0x00 ‖ keyHash ‖ valueHash)` for a leaf, `BLAKE2b-256(0x01 ‖ left ‖ right)` for an internal node.
    public var hash: Hash32 {
        switch self {
        case let .leaf(key, valueHash): return Hash32.digest(tag: Self.leafTag, key, valueHash)
        case let .internal(left, right): return Hash32.digest(tag: Self.internalTag, left, right)
        }
    }

    var isLeaf: Bool { if case .leaf = self { return true } else { return false } }

    /// Decodes the canonical encoding from memory the caller lends (a tree node where LMDB holds it), nil unless it is
    /// exactly 65 bytes with a known tag: what `decode(from:)` accepts, without copying into arrays first.
    public init?(canonicalRaw raw: UnsafeRawBufferPointer) {
        guard raw.count == Self.canonicalLength else { return nil }
        let first = Hash32(raw: UnsafeRawBufferPointer(rebasing: raw[1..<33]))
        let second = Hash32(raw: UnsafeRawBufferPointer(rebasing: raw[33..<65]))
        switch raw[0] {
        case Self.leafTag: self = .leaf(key: first, valueHash: second)
        case Self.internalTag: self = .internal(left: first, right: second)
        default: return nil
        }
    }

    /// The length of the canonical encoding.
    public static let canonicalLength = 65

    /// Writes the canonical encoding into the first 65 bytes of `buffer`, which the caller keeps on its stack (see
    /// `NodePath.writeStorageKey`).
    public func writeCanonicalBytes(into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= Self.canonicalLength, "a tree node needs \(Self.canonicalLength) bytes")
        switch self {
        case let .leaf(key, valueHash):
            buffer.storeBytes(of: Self.leafTag, toByteOffset: 0, as: UInt8.self)
            key.write(into: buffer, at: 1)
            valueHash.write(into: buffer, at: 33)
        case let .internal(left, right):
            buffer.storeBytes(of: Self.internalTag, toByteOffset: 0, as: UInt8.self)
            left.write(into: buffer, at: 1)
            right.write(into: buffer, at: 33)
        }
    }
}

extension TreeNode: CanonicalCodable {
    public func encode(to writer: inout CanonicalWriter) {
        switch self {
        case let .leaf(key, valueHash):
            writer.u8(Self.leafTag)
            writer.hash(key)
            writer.hash(valueHash)
        case let .internal(left, right):
            writer.u8(Self.internalTag)
            writer.hash(left)
            writer.hash(right)
        }
    }

    public static func decode(from reader: inout CanonicalReader) throws(CodecError) -> TreeNode {
        let at = reader.offset
        switch try reader.u8() {
        case leafTag: return .leaf(key: try reader.hash(), valueHash: try reader.hash())
        case internalTag: return .internal(left: try reader.hash(), right: try reader.hash())
        case let tag: throw .unknownTag(type: "tree node", tag: tag, offset: at)
        }
    }
}
