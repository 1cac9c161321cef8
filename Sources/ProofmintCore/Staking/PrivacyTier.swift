/// Seed 000's privacy tiers: what a provider attests its hardware protects. Tiers 1–4 need an attestation hash.
public enum PrivacyTier: UInt8, CaseIterable, Sendable {
    case open = 0
    case atRest = 1
    case cpuTEE = 2
    case gpuTEE = 3
    case teeIO = 4

    public var name: String {
        switch self {
        case .open: return "open"
        case .atRest: return "at-rest"
        case .cpuTEE: return "cpu-tee"
        case .gpuTEE: return "gpu-tee"
        case .teeIO: return "tee-io"
        }
    }

    public var requiresAttestation: Bool { self != .open }
}
