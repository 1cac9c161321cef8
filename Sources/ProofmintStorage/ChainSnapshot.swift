import ProofmintCore

/// A named point of a devnet chain that `ChainStore.revert(to:)` can return to: the block it was taken at and that
/// block's state root. Stored in `meta` under `snapshot/NAME` as `u64 height ‖ block hash ‖ state root` (72 bytes).
public struct ChainSnapshot: Sendable, Equatable {
    public let name: String
    public let height: UInt64
    public let blockHash: Hash32
    public let stateRoot: Hash32

    /// The longest name accepted, in bytes.
    public static let maxNameLength = 64

    public init(name: String, height: UInt64, blockHash: Hash32, stateRoot: Hash32) {
        self.name = name
        self.height = height
        self.blockHash = blockHash
        self.stateRoot = stateRoot
    }

    /// Names are 1–64 characters of `A–Z a–z 0–9 . _ -`: safe in a shell, a file name and a log line.
    public static func checkName(_ name: String) throws(StorageError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E
                || byte == 0x5F || byte == 0x2D
        }
        guard !name.isEmpty, name.utf8.count <= maxNameLength, allowed else { throw .invalidSnapshotName(name) }
    }

    static let keyPrefix = Array("snapshot/".utf8)

    static func key(_ name: String) -> Bytes { keyPrefix + Array(name.utf8) }

    var value: Bytes { height.bigEndianBytes + blockHash.bytes + stateRoot.bytes }

    /// The snapshot stored under `key` with `value`, or nil when the record is not one (wrong length).
    init?(key: Bytes, value: Bytes) {
        guard key.starts(with: Self.keyPrefix), value.count == 72, let height = UInt64(bigEndianBytes: Array(value.prefix(8))),
              let blockHash = try? Hash32(bytes: Array(value[8..<40])), let stateRoot = try? Hash32(bytes: Array(value[40..<72]))
        else { return nil }
        self.init(
            name: String(decoding: key.dropFirst(Self.keyPrefix.count), as: UTF8.self), height: height, blockHash: blockHash,
            stateRoot: stateRoot)
    }
}
