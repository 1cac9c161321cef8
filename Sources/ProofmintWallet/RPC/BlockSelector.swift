import Foundation
import ProofmintCore

/// Which block `query block` asks for: a height, a hash, or the head.
public enum BlockSelector: Equatable, Sendable {
    case height(UInt64)
    case hash(Hash32)
    case latest

    /// Parses `latest`, a decimal height, or a 64-digit hex hash.
    public init(text: String) throws(InputError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "latest" {
            self = .latest
        } else if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let height = UInt64(trimmed) {
            self = .height(height)
        } else if let hash = Hash32(hex: trimmed) {
            self = .hash(hash)
        } else {
            throw .invalidBlockSelector(text)
        }
    }

    /// The `pm_getBlock` params.
    public func params(full: Bool) -> BlockParams {
        switch self {
        case let .height(height): return BlockParams(height: .number(height), full: full)
        case let .hash(hash): return BlockParams(hash: hash, full: full)
        case .latest: return BlockParams(height: .latest, full: full)
        }
    }
}
