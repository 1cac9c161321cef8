import ProofmintCrypto

/// Argon2id cost for sealing a key. Moderate by default; interactive is for tests, devnets and the public dev keys.
public struct KDFLimits: Equatable, Sendable, CustomStringConvertible {
    public let opsLimit: UInt64
    public let memLimit: Int

    public init(opsLimit: UInt64, memLimit: Int) {
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    /// About 64 MiB and a fraction of a second per unlock.
    public static let interactive = KDFLimits(opsLimit: Argon2id.interactiveOpsLimit, memLimit: Argon2id.interactiveMemLimit)
    /// About 256 MiB and a second or so per unlock: the default for real keys.
    public static let moderate = KDFLimits(opsLimit: Argon2id.moderateOpsLimit, memLimit: Argon2id.moderateMemLimit)

    /// Limits read from a file are bounded, so a crafted keystore file cannot make an unlock take hours or all memory.
    static let maximumOpsLimit: UInt64 = 64
    static let maximumMemLimit = 4 << 30
    static let minimumMemLimit = 8 << 10

    /// `interactive` or `moderate`.
    public static func named(_ name: String) -> KDFLimits? {
        switch name.lowercased() {
        case "interactive": return .interactive
        case "moderate": return .moderate
        default: return nil
        }
    }

    public var description: String {
        if self == .interactive { return "interactive" }
        if self == .moderate { return "moderate" }
        return "opslimit \(opsLimit), memlimit \(memLimit)"
    }
}
