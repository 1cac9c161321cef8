import ProofmintCore

/// A governance flag or changes file was refused before anything was signed; each message says what is accepted.
public enum GovernanceInputError: Error, Equatable, CustomStringConvertible {
    /// Not a parameter of `ParameterRegistry`; `suggestion` is the closest known name, if one is close.
    case unknownParameter(name: String, suggestion: String?)
    /// A `--set` that is not `NAME=VALUE`.
    case malformedAssignment(String)
    case duplicateParameter(String)
    case noChanges
    case tooManyChanges(count: Int)
    /// Neither or both of `--set` and `--file`.
    case setOrFile
    case invalidValue(name: String, text: String, unit: ParameterSpec.Unit)
    case outOfBounds(name: String, value: UInt128, minimum: UInt128, maximum: UInt128, unit: ParameterSpec.Unit)
    /// Moves further from the value in force than `governance.max_change_bps` allows.
    case stepTooLarge(name: String, current: UInt128, requested: UInt128, maxStep: UInt128, maxChangeBps: UInt64, unit: ParameterSpec.Unit)
    case changesFile(path: String, reason: String)
    case invalidVoteOption(String)
    case invalidSlashReason(String)
    case invalidSlashBps(Int)
    case invalidDocumentHash(String)
    case invalidTitle(String)
    case invalidUpgradeName(String)
    case invalidAttestor(String)

    public var description: String {
        switch self {
        case let .unknownParameter(name, suggestion):
            return "unknown parameter '\(name)'" + (suggestion.map { ": did you mean '\($0)'?" } ?? "")
                + " (`proofmintd parameters` and docs/PARAMETERS.md list them); nothing was sent"
        case let .malformedAssignment(text):
            return "--set '\(text)' is not NAME=VALUE (for example --set compute.protocol_fee_bps=36)"
        case let .duplicateParameter(name):
            return "parameter '\(name)' is set twice: a proposal changes each parameter once"
        case .noChanges:
            return "a parameter change needs at least one parameter: --set NAME=VALUE or --file FILE"
        case let .tooManyChanges(count):
            return "\(count) parameters in one proposal: at most \(ProposalContent.maxChanges)"
        case .setOrFile:
            return "give the changes either with --set NAME=VALUE (repeatable) or with --file FILE, not both"
        case let .invalidValue(name, text, unit):
            return unit == .amount
                ? "invalid value '\(text)' for \(name): write tokens with their unit (12AI, 0.5AI) or whole base units"
                : "invalid value '\(text)' for \(name): expected a whole number of \(unit.rawValue)"
        case let .outOfBounds(name, value, minimum, maximum, unit):
            return "\(name) = \(GovernanceInput.show(value, unit)) is outside its bounds \(GovernanceInput.show(minimum, unit)) – "
                + "\(GovernanceInput.show(maximum, unit)); nothing was sent"
        case let .stepTooLarge(name, current, requested, maxStep, maxChangeBps, unit):
            let low = current > maxStep ? current - maxStep : 0
            return "\(name): \(GovernanceInput.show(current, unit)) → \(GovernanceInput.show(requested, unit)) moves more than the "
                + "\(maxChangeBps) bps (\(maxChangeBps / 100)%) one proposal may change it: choose a value from "
                + "\(GovernanceInput.show(low, unit)) to \(GovernanceInput.show(current + maxStep, unit)); nothing was sent"
        case let .changesFile(path, reason):
            return "\(path): \(reason) (expected a JSON object {\"compute.protocol_fee_bps\": 36, \"min_fee\": \"0.002AI\", …})"
        case let .invalidVoteOption(text):
            return "invalid vote option '\(text)': use yes, no or abstain"
        case let .invalidSlashReason(text):
            return "invalid slash reason '\(text)': use sla_violation, attestation_failure or malicious"
        case let .invalidSlashBps(bps):
            return "invalid slash rate \(bps): a rate is 1–10000 basis points of the provider's stake"
        case let .invalidDocumentHash(text):
            return "invalid document hash '\(text)': expected a 32-byte hash as 64 hex digits (for example the SHA-256 of the document)"
        case let .invalidTitle(reason):
            return "invalid title: \(reason)"
        case let .invalidUpgradeName(text):
            return "invalid upgrade name '\(text)': 1–\(ProposalContent.maxNameBytes) characters of a-z, 0-9, '-', '_' and '.'"
        case let .invalidAttestor(reason): return "invalid attestor proposal: \(reason); nothing was sent"
        }
    }
}
