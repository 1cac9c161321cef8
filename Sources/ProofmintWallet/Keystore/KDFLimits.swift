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

    /// The strongest limits this wallet ever writes; the cap on what it reads is derived from them.
    public static let strongestWritten = moderate
    /// A keystore file may cost at most this many times an unlock at `strongestWritten` (issue 13, D9).
    public static let maximumCostFactor: UInt64 = 4

    /// Limits read from a file are bounded, so a crafted keystore file cannot make an unlock take minutes or all
    /// memory before the password is even checked (a file at the old cap, opslimit 64 and 4 GiB, cost 180 s of CPU and
    /// 4.2 GB). Three bounds, each relative to `strongestWritten` (moderate: opslimit 3, 256 MiB):
    /// - passes: at most 4 × its opslimit (12);
    /// - memory: at most 2 × its memlimit (512 MiB), so an unlock never needs more than twice what `keys new` needed;
    /// - work (opslimit × memlimit, what Argon2id's time is proportional to): at most 4 × its work, so the worst
    ///   file costs about as much CPU as four moderate unlocks (a few seconds).
    public static let maximumOpsLimit: UInt64 = strongestWritten.opsLimit * maximumCostFactor
    public static let maximumMemLimit = strongestWritten.memLimit * 2
    public static let maximumWork: UInt64 = strongestWritten.work * maximumCostFactor
    /// libsodium's own lower bounds for Argon2id.
    public static let minimumOpsLimit: UInt64 = 1
    public static let minimumMemLimit = 8 << 10

    /// opslimit × memlimit in bytes: Argon2id's running time is proportional to it (saturates instead of overflowing).
    public var work: UInt64 {
        let (product, overflow) = opsLimit.multipliedReportingOverflow(by: UInt64(max(0, memLimit)))
        return overflow ? .max : product
    }

    /// True if these limits are within the bounds a keystore file may ask for (see `maximumWork`), so deriving a key
    /// with them costs at most a few times the strongest setting the wallet writes.
    public var isWithinCap: Bool {
        opsLimit >= Self.minimumOpsLimit && opsLimit <= Self.maximumOpsLimit
            && memLimit >= Self.minimumMemLimit && memLimit <= Self.maximumMemLimit
            && work <= Self.maximumWork
    }

    /// The cap in words, for error messages.
    static var capDescription: String {
        "opslimit \(minimumOpsLimit)...\(maximumOpsLimit), memlimit \(minimumMemLimit)...\(maximumMemLimit) bytes, "
            + "opslimit × memlimit at most \(maximumWork) (\(maximumCostFactor) × the '\(strongestWritten)' setting this wallet writes)"
    }

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
