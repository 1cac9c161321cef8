import ProofmintCore

/// A value typed on the command line was refused; each message shows an accepted form.
public enum InputError: Error, Equatable, CustomStringConvertible {
    case invalidAmount(field: String, text: String)
    /// A bare number: tokens or base units? The wallet does not guess.
    case missingUnit(field: String, text: String)
    case negativeAmount(field: String, text: String)
    case zeroAmount(field: String)
    case memoTooLong(bytes: Int)
    case invalidAddress(AddressError)
    /// Neither a `pm1…` address nor the name of a key in the keystore.
    case unknownAccount(text: String, keystore: String)
    case invalidBlockSelector(String)
    case invalidTransactionId(String)
    case invalidJobId(String)
    case invalidSeed(String)
    case invalidChainId(String)
    case invalidKDF(String)
    case invalidNumber(field: String, text: String)
    /// A privacy tier outside 0–4.
    case invalidTier(Int)
    /// Not a 32-byte hash in hex.
    case invalidAttestation(String)
    /// Tiers 1–4 need `--attestation`; tier 0 takes none.
    case attestationRequired(tier: PrivacyTier)
    case attestationUnexpected
    /// Not one of the verdict names.
    case invalidVerdict(String)
    /// Not a 32-byte hash in hex (a receipt's model, input or output hash).
    case invalidHash(field: String, text: String)
    /// Tiers 2–4 need an attestor-signed attestation file (protocol version 3).
    case signedAttestationRequired(tier: PrivacyTier)
    case attestationTierMismatch(requested: PrivacyTier, attested: PrivacyTier)
    case attestationForAnotherProvider(provider: Address, sender: Address)

    public var description: String {
        switch self {
        case let .invalidAmount(field, text):
            return "invalid \(field) '\(text)': write tokens with their unit (10AI, 0.5AI) or whole base units with theirs (10000base)"
        case let .missingUnit(field, text):
            let number = text.trimmingCharacters(in: .whitespaces)
            return "\(field) '\(text)' has no unit: write \(number)AI for \(number) tokens"
                + (number.contains(".") ? "" : ", or \(number)base for \(number) base units (1 AI = 10^18 base units)")
        case let .negativeAmount(field, text):
            return "invalid \(field) '\(text)': amounts cannot be negative; write a positive amount such as 10AI"
        case let .zeroAmount(field):
            return "\(field) must be greater than zero"
        case let .memoTooLong(bytes):
            return "memo is \(bytes) bytes of UTF-8, the limit is \(Transfer.maxMemoBytes)"
        case let .invalidAddress(error):
            return "\(error)"
        case let .unknownAccount(text, keystore):
            return "'\(text)' is neither a pm1… address nor the name of a key in \(keystore)"
        case let .invalidBlockSelector(text):
            return "'\(text)' is not a block: give a height (42), a 64-digit hex hash, or 'latest'"
        case let .invalidTransactionId(text):
            return "'\(text)' is not a transaction id: expected 64 hex digits"
        case let .invalidJobId(text):
            return "'\(text)' is not a job id: expected 64 hex digits (32 bytes)"
        case let .invalidSeed(reason):
            return "invalid seed: \(reason)"
        case let .invalidChainId(reason):
            return "invalid chain id: \(reason)"
        case let .invalidKDF(text):
            return "unknown KDF strength '\(text)': use 'moderate' (default) or 'interactive'"
        case let .invalidNumber(field, text):
            return "invalid \(field) '\(text)': expected a whole number"
        case let .invalidTier(tier):
            return "invalid privacy tier \(tier): use 0 (open), 1 (at-rest), 2 (cpu-tee), 3 (gpu-tee) or 4 (tee-io)"
        case let .invalidAttestation(text):
            return "invalid attestation '\(text)': expected a 32-byte hash as 64 hex digits"
        case let .attestationRequired(tier):
            return "privacy tier \(tier.rawValue) (\(tier.name)) needs an attestation hash: pass --attestation HEX64; nothing was sent"
        case .attestationUnexpected:
            return "privacy tier 0 (open) takes no attestation hash: drop --attestation or choose a tier from 1 to 4; nothing was sent"
        case let .invalidVerdict(text):
            return "unknown verdict '\(text)': choose one of \(Verdict.allCases.map(\.name).joined(separator: ", "))"
        case let .invalidHash(field, text):
            return "invalid \(field) '\(text)': expected a 32-byte hash as 64 hex digits"
        case let .signedAttestationRequired(tier):
            return "privacy tier \(tier.rawValue) (\(tier.name)) needs an attestation signed by a registered attestor: pass --attestation FILE (made by `proofmint attest`); nothing was sent"
        case let .attestationTierMismatch(requested, attested):
            return "the attestation file is for tier \(attested.rawValue) (\(attested.name)), not tier \(requested.rawValue): pass --tier \(attested.rawValue) or another file; nothing was sent"
        case let .attestationForAnotherProvider(provider, sender):
            return "the attestation file is for provider \(provider), not \(sender): only the provider it names may stake with it; nothing was sent"
        }
    }
}
