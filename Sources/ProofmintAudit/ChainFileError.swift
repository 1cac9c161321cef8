/// Why a chain file cannot be read: always with the byte offset, and the height of the last good block when there
/// is one, so a damaged file can be cut back to what is sound.
public enum ChainFileError: Error, Equatable, CustomStringConvertible {
    case notAChainFile
    case unsupportedVersion(UInt16)
    /// The file ends inside the frame starting at `offset` (or before the end frame).
    case truncated(offset: Int, afterHeight: UInt64?)
    case checksumMismatch(offset: Int, afterHeight: UInt64?)
    case malformed(offset: Int, afterHeight: UInt64?, reason: String)
    case io(String)

    public var description: String {
        switch self {
        case .notAChainFile: return "not a Proofmint chain file (it does not start with PMCHAIN)"
        case let .unsupportedVersion(version): return "chain file format version \(version) is not supported (this build reads version 1)"
        case let .truncated(offset, height): return "the file is cut short in the frame that starts at byte \(offset)\(Self.after(height))"
        case let .checksumMismatch(offset, height): return "the frame at byte \(offset) is corrupt (checksum mismatch)\(Self.after(height))"
        case let .malformed(offset, height, reason): return "the frame at byte \(offset) is malformed\(Self.after(height)): \(reason)"
        case let .io(message): return message
        }
    }

    private static func after(_ height: UInt64?) -> String {
        height.map { ", after block \($0), the last sound one" } ?? ", before any block"
    }
}
