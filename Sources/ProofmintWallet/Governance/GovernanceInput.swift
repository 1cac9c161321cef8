import Foundation
import ProofmintCore

/// Turns `tx propose …` and `tx vote` flags into proposal contents and votes, refusing locally what the chain would
/// refuse whatever its state: unknown parameter names, values outside the registry's bounds, duplicate names,
/// malformed hashes, titles and upgrade names. Parameter changes come out sorted by name, as the chain requires.
public enum GovernanceInput {
    // MARK: - Parameter changes

    /// The registry's spec for `name`, or an error naming the closest known parameter.
    public static func spec(named name: String) throws(GovernanceInputError) -> ParameterSpec {
        guard let spec = ParameterRegistry.spec(named: name) else { throw .unknownParameter(name: name, suggestion: suggestion(for: name)) }
        return spec
    }

    /// The known parameter `name` most likely meant: one whose last part it is (`protocol_fee_bps` for
    /// `compute.protocol_fee_bps`), else the nearest by edit distance if it is close.
    public static func suggestion(for name: String) -> String? {
        let names = ParameterRegistry.all.map(\.name)
        let lowered = name.lowercased()
        if let exact = names.first(where: { $0 == lowered }) { return exact }
        let bySuffix = names.filter { $0.hasSuffix("." + lowered) }
        if bySuffix.count == 1 { return bySuffix[0] }
        let scored = names.map { ($0, editDistance(lowered, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, lowered.count / 4) else { return nil }
        return best
    }

    /// A value as typed: for amount parameters tokens with their unit (`12AI`) or base units, else a whole number.
    public static func value(_ text: String, for spec: ParameterSpec) throws(GovernanceInputError) -> UInt128 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parsed: UInt128?
        if spec.unit == .amount {
            parsed = Tokens.parse(trimmed)
        } else {
            parsed = trimmed.isEmpty || !trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? nil : UInt128(trimmed)
        }
        guard let parsed else { throw .invalidValue(name: spec.name, text: text, unit: spec.unit) }
        return parsed
    }

    /// `--set NAME=VALUE` flags as changes, checked and sorted.
    public static func assignments(_ texts: [String]) throws(GovernanceInputError) -> [ProposalContent.ParameterChange] {
        var changes = [ProposalContent.ParameterChange]()
        for text in texts {
            guard let equals = text.firstIndex(of: "=") else { throw .malformedAssignment(text) }
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            let valueText = String(text[text.index(after: equals)...])
            guard !name.isEmpty, !valueText.trimmingCharacters(in: .whitespaces).isEmpty else { throw .malformedAssignment(text) }
            let spec = try Self.spec(named: name)
            changes.append(.init(name: spec.name, value: try value(valueText, for: spec)))
        }
        return try checked(changes)
    }

    /// A changes file: a JSON object of parameter names and values (numbers, or strings as on the command line).
    public static func changesFile(parsing bytes: Bytes, path: String) throws(GovernanceInputError) -> [ProposalContent.ParameterChange] {
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch { throw .changesFile(path: path, reason: bytes.isEmpty ? "the file is empty" : "\(error)") }
        guard case let .object(members) = document else { throw .changesFile(path: path, reason: "the top level must be a JSON object") }
        var changes = [ProposalContent.ParameterChange]()
        for (name, item) in members {
            let spec = try Self.spec(named: name)
            let text: String
            switch item {
            case let .number(number): text = number
            case let .string(string): text = string
            default: throw .changesFile(path: path, reason: "the value of '\(name)' must be a number or a string")
            }
            changes.append(.init(name: spec.name, value: try value(text, for: spec)))
        }
        return try checked(changes)
    }

    /// Reads and parses a changes file.
    public static func changesFile(at path: String) throws -> [ProposalContent.ParameterChange] {
        try changesFile(parsing: try FileSystem.read(path), path: path)
    }

    /// At least one and at most `ProposalContent.maxChanges` changes, each name once and within its bounds, sorted by
    /// name (bytewise, as the chain compares them).
    public static func checked(_ changes: [ProposalContent.ParameterChange]) throws(GovernanceInputError) -> [ProposalContent.ParameterChange] {
        guard !changes.isEmpty else { throw .noChanges }
        guard changes.count <= ProposalContent.maxChanges else { throw .tooManyChanges(count: changes.count) }
        let sorted = changes.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (first, second) in zip(sorted, sorted.dropFirst()) where first.name == second.name { throw .duplicateParameter(first.name) }
        for change in sorted {
            let spec = try Self.spec(named: change.name)
            guard change.value >= spec.minimum, change.value <= spec.maximum else {
                throw .outOfBounds(name: spec.name, value: change.value, minimum: spec.minimum, maximum: spec.maximum, unit: spec.unit)
            }
        }
        return sorted
    }

    /// Refuses a change that moves further than the chain's step limit allows from the value it is measured from
    /// (`ParametersResult.stepBase`: the value at the start of the parameter's open change window, else the value in
    /// force). `current` gives that value (nil when unknown: that change is left to the chain).
    public static func checkSteps(
        _ changes: [ProposalContent.ParameterChange], maxChangeBps: UInt64, current: (String) -> UInt128?
    ) throws(GovernanceInputError) {
        for change in changes {
            guard let spec = ParameterRegistry.spec(named: change.name), let now = current(change.name) else { continue }
            let step = ParameterSpec.maxStep(from: now, maxChangeBps: UInt16(clamping: maxChangeBps))
            let distance = change.value > now ? change.value - now : now - change.value
            if distance > step {
                throw .stepTooLarge(name: change.name, current: now, requested: change.value, maxStep: step, maxChangeBps: maxChangeBps, unit: spec.unit)
            }
        }
    }

    // MARK: - Other proposal kinds and votes

    public static func voteOption(_ text: String) throws(GovernanceInputError) -> VoteOption {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let option = VoteOption.allCases.first(where: { $0.name == lowered }) else { throw .invalidVoteOption(text) }
        return option
    }

    /// The reasons governance may slash for; double signing is punished by evidence transactions instead.
    public static func slashReason(_ text: String) throws(GovernanceInputError) -> SlashReason {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let reason = SlashReason.allCases.first(where: { $0.name == lowered && $0 != .doubleSign }) else {
            throw .invalidSlashReason(text)
        }
        return reason
    }

    /// An `attestor` proposal's content: a valid Ed25519 key (64 hex digits), a 1–64-byte name, max tier 2–4, and
    /// `add` or `revoke` (protocol version 3).
    public static func attestor(publicKey: String, name: String, maxTier: Int, action: String) throws(GovernanceInputError) -> ProposalContent {
        var hex = publicKey.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if hex.hasPrefix("0x") { hex.removeFirst(2) }
        guard hex.count == 64, let bytes = Bytes(hex: hex), let key = try? Ed25519.PublicKey(bytes: bytes), key.isValidPoint else {
            throw .invalidAttestor("--public-key must be a valid Ed25519 public key as 64 hex digits")
        }
        guard !name.isEmpty, name.utf8.count <= AttestorRecord.maxNameBytes else { throw .invalidAttestor("--name must be 1–64 bytes") }
        guard maxTier >= 2, maxTier <= 4, let tier = PrivacyTier(rawValue: UInt8(maxTier)) else {
            throw .invalidAttestor("--max-tier must be 2, 3 or 4 (tiers 0 and 1 need no attestor)")
        }
        guard let parsed = ProposalContent.AttestorAction.allCases.first(where: { $0.name == action.lowercased() }) else {
            throw .invalidAttestor("--action must be add or revoke")
        }
        return .attestor(publicKey: key, name: name, maxTier: tier, action: parsed)
    }

    public static func slashBps(_ bps: Int) throws(GovernanceInputError) -> UInt16 {
        guard bps >= 1, bps <= 10_000 else { throw .invalidSlashBps(bps) }
        return UInt16(bps)
    }

    /// 64 hex digits; surrounding whitespace, capitals and a `0x` prefix are forgiven.
    public static func documentHash(_ text: String) throws(GovernanceInputError) -> Hash32 {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if trimmed.hasPrefix("0x") { trimmed.removeFirst(2) }
        guard trimmed.count == 64, let hash = Hash32(hex: trimmed) else { throw .invalidDocumentHash(text) }
        return hash
    }

    /// A text proposal's title: 1–256 bytes of UTF-8.
    public static func title(_ text: String) throws(GovernanceInputError) -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalidTitle("it is empty") }
        guard text.utf8.count <= 256 else { throw .invalidTitle("it is \(text.utf8.count) bytes of UTF-8, the limit is 256") }
        return text
    }

    /// An upgrade name as the chain accepts it: 1–64 characters of a-z, 0-9, '-', '_', '.'.
    public static func upgradeName(_ text: String) throws(GovernanceInputError) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        guard !text.isEmpty, text.utf8.count <= ProposalContent.maxNameBytes, text.allSatisfy(allowed.contains) else {
            throw .invalidUpgradeName(text)
        }
        return text
    }

    // MARK: - Display

    /// A parameter value for people: amounts in AI, everything else as a number with its unit.
    public static func show(_ value: UInt128, _ unit: ParameterSpec.Unit) -> String {
        switch unit {
        case .amount: return "\(Tokens.format(value)) \(Tokens.symbol)"
        case .bps: return "\(value) bps"
        case .count, .power: return String(value)
        default: return "\(value) \(unit.rawValue)"
        }
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = row
        }
        return previous[b.count]
    }
}
