/// Applies a parameter-change proposal to a parameter set with every check: known names, bounds, the per-proposal
/// step (seed 002: 20%), and the set's own consistency. The same function checks a proposal when it is made, runs it
/// when it executes (against the parameters then in force), and answers the dry run.
public enum ParameterChanges {
    /// Checks that need only the proposal: at least one change, names sorted and unique, every name known.
    static func validateBasic(_ changes: [ProposalContent.ParameterChange]) throws(TransactionError) {
        guard !changes.isEmpty else { throw .invalidProposal(reason: "a parameter change needs at least one parameter") }
        guard zip(changes, changes.dropFirst()).allSatisfy({ $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) else {
            throw .invalidProposal(reason: "parameter names must be unique and sorted")
        }
        for change in changes where ParameterRegistry.spec(named: change.name) == nil {
            throw .invalidProposal(reason: "unknown parameter '\(change.name)' (docs/PARAMETERS.md lists them)")
        }
    }

    /// `parameters` with `changes` applied, or the first rule they break.
    public static func apply(_ changes: [ProposalContent.ParameterChange], to parameters: Parameters) throws(TransactionError) -> Parameters {
        try validateBasic(changes)
        var updated = parameters
        let maxChange = parameters.governance.maxChangeBps
        for change in changes {
            guard let spec = ParameterRegistry.spec(named: change.name) else { throw .invalidProposal(reason: "unknown parameter '\(change.name)'") }
            guard change.value >= spec.minimum, change.value <= spec.maximum else {
                throw .parameterOutOfBounds(name: spec.name, minimum: spec.minimum, maximum: spec.maximum, requested: change.value)
            }
            let current = spec.value(in: parameters)
            let step = ParameterSpec.maxStep(from: current, maxChangeBps: maxChange)
            let distance = change.value > current ? change.value - current : current - change.value
            guard distance <= step else {
                throw .parameterChangeTooLarge(name: spec.name, current: current, requested: change.value, maxStep: step)
            }
            spec.set(&updated, change.value)
        }
        if let problem = updated.violations().first { throw .parametersInvalid(reason: problem) }
        return updated
    }
}
