import Foundation
import ProofmintCore

/// Parsing of the values people type: amounts, fees, memos, ids, seeds. Every failure says what would be accepted.
public enum WalletInput {
    /// The fee used when none is given: 0.001 AI.
    public static let defaultFee: Amount = Tokens.one / 1000

    /// The suffix that marks a count of base units (1 AI = 10^18 of them): `2000base`.
    public static let baseUnitSuffix = "base"

    /// An amount with its unit: `10AI`, `0.5 ai`, or base units written `10000base`. A bare number is refused
    /// rather than guessed (`25` silently meaning 25 base units cost people their intent); `0` needs no unit.
    /// Zero is refused unless `allowZero`.
    public static func amount(_ text: String, field: String = "amount", allowZero: Bool = false) throws(InputError) -> Amount {
        let amount = try parseWithUnit(text, field: field)
        guard amount > 0 || allowZero else { throw .zeroAmount(field: field) }
        return amount
    }

    /// A fee, in the same forms as an amount; zero is allowed here (the node enforces its minimum).
    public static func fee(_ text: String?) throws(InputError) -> Amount {
        guard let text else { return defaultFee }
        return try parseWithUnit(text, field: "fee")
    }

    private static func parseWithUnit(_ text: String, field: String) throws(InputError) -> Amount {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-") { throw .negativeAmount(field: field, text: text) }
        if trimmed == "0" { return 0 }
        let lowered = trimmed.lowercased()
        let parsed: Amount?
        if lowered.hasSuffix(Tokens.symbol.lowercased()) {
            parsed = Tokens.parse(trimmed)
        } else if lowered.hasSuffix(baseUnitSuffix) {
            parsed = Tokens.parseBaseUnits(String(trimmed.dropLast(baseUnitSuffix.count)).trimmingCharacters(in: .whitespaces))
        } else if Tokens.parseBaseUnits(trimmed) != nil || Tokens.parseTokens(trimmed) != nil {
            throw .missingUnit(field: field, text: text)
        } else {
            parsed = nil
        }
        guard let parsed else { throw .invalidAmount(field: field, text: text) }
        return parsed
    }

    /// A memo as UTF-8 bytes, at most `Transfer.maxMemoBytes`.
    public static func memo(_ text: String?) throws(InputError) -> Bytes {
        let bytes = Array((text ?? "").utf8)
        guard bytes.count <= Transfer.maxMemoBytes else { throw .memoTooLong(bytes: bytes.count) }
        return bytes
    }

    /// A 64-hex-digit transaction id.
    public static func transactionId(_ text: String) throws(InputError) -> Hash32 {
        guard let id = Hash32(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw .invalidTransactionId(text) }
        return id
    }

    /// A 64-hex-digit compute job id.
    public static func jobId(_ text: String) throws(InputError) -> Hash32 {
        guard let id = Hash32(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw .invalidJobId(text) }
        return id
    }

    /// A chain id as the transaction encodes it (non-empty, at most 64 bytes).
    public static func chainId(_ text: String) throws(InputError) -> String {
        guard !text.isEmpty else { throw .invalidChainId("it is empty") }
        guard text.utf8.count <= Transaction.maxChainIdBytes else {
            throw .invalidChainId("'\(text)' is longer than \(Transaction.maxChainIdBytes) bytes")
        }
        return text
    }

    /// A 32-byte Ed25519 seed in hex (surrounding whitespace and a 0x prefix are forgiven).
    public static func seed(hex text: String) throws(InputError) -> Ed25519.PrivateKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Bytes(hex: trimmed) else { throw .invalidSeed("expected 64 hex digits") }
        guard bytes.count == Ed25519.seedLength else {
            throw .invalidSeed("expected \(Ed25519.seedLength) bytes (64 hex digits), got \(bytes.count) bytes")
        }
        do {
            return try Ed25519.PrivateKey(seed: bytes)
        } catch {
            throw .invalidSeed("\(error)")
        }
    }

    /// A `pm1…` address, reporting typos instead of guessing.
    public static func address(_ text: String) throws(InputError) -> Address {
        do {
            return try Address(text: text)
        } catch {
            throw .invalidAddress(error)
        }
    }

    /// `text` as an account: a `pm1…` address, or else the name of a key in `keystore` (whose address needs no password).
    public static func account(_ text: String, keystore: Keystore) throws -> Address {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix(Address.humanReadablePart + "1") { return try address(trimmed) }
        if let name = try? KeyName(trimmed), keystore.contains(name) { return try keystore.info(name).address }
        throw InputError.unknownAccount(text: text, keystore: keystore.directory)
    }
}
