/// Applies a parameter-change proposal to a parameter set with every check: known names, bounds, the step per
/// window (seed 002: 20% per quarter), and the set's own consistency. The same function checks a proposal when it is made, runs it
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

    /// `parameters` with `changes` applied at `height`, or the first rule they break, with the step windows to store.
    /// The step rule (protocol version 2): a parameter whose window is still open (its start + `governance.change_window_blocks`
    /// in force > `height`) may be at most `maxStep(valueAtStart)` from the value at the window's start; otherwise a new
    /// window starts here, at the value in force. Reads `state` only: the caller decides whether to write.
    public static func check(
        _ changes: [ProposalContent.ParameterChange], to parameters: Parameters, height: UInt64, state: StateOverlay
    ) throws(TransactionError) -> (parameters: Parameters, windows: [(name: String, window: ParameterChangeWindow)]) {
        try validateBasic(changes)
        var updated = parameters
        var windows = [(name: String, window: ParameterChangeWindow)]()
        let rules = parameters.governance
        for change in changes {
            guard let spec = ParameterRegistry.spec(named: change.name) else { throw .invalidProposal(reason: "unknown parameter '\(change.name)'") }
            guard change.value >= spec.minimum, change.value <= spec.maximum else {
                throw .parameterOutOfBounds(name: spec.name, minimum: spec.minimum, maximum: spec.maximum, requested: change.value)
            }
            let current = spec.value(in: parameters)
            let stored = try state.recordOrFail(ParameterChangeWindow.self, at: .parameterWindow(spec.name))
            let window = stored.flatMap { $0.isOpen(at: height, length: rules.changeWindowBlocks) ? $0 : nil }
                ?? ParameterChangeWindow(startHeight: height, valueAtStart: current)
            let base = window.valueAtStart
            let step = ParameterSpec.maxStep(from: base, maxChangeBps: rules.maxChangeBps)
            let distance = change.value > base ? change.value - base : base - change.value
            guard distance <= step else {
                throw .parameterChangeTooLarge(name: spec.name, current: base, requested: change.value, maxStep: step)
            }
            spec.set(&updated, change.value)
            if window != stored { windows.append((spec.name, window)) }
        }
        if let problem = updated.violations().first { throw .parametersInvalid(reason: problem) }
        return (updated, windows)
    }

    /// Checks `changes` at `height` and writes the new parameters, any window that starts here, and, if the epochs
    /// per year change (`epoch_length` or `compute.blocks_per_year`), the emission anchor at the running epoch (§11.5).
    static func apply(_ changes: [ProposalContent.ParameterChange], to parameters: Parameters, height: UInt64, state: inout StateOverlay) throws(TransactionError) {
        let (updated, windows) = try check(changes, to: parameters, height: height, state: state)
        let old = parameters.compute.emissionSchedule(epochLength: parameters.epochLength)
        let new = updated.compute.emissionSchedule(epochLength: updated.epochLength)
        if old.epochsPerYear != new.epochsPerYear {
            let running = try state.recordOrFail(EpochState.self, at: .epoch) ?? .genesis
            let anchor = try state.recordOrFail(EmissionAnchor.self, at: .emissionAnchor) ?? .genesis(old)
            state.put(anchor.moved(to: running.number, old: old, new: new), at: .emissionAnchor)
        }
        state.put(updated, at: .parameters)
        for (name, window) in windows { state.put(window, at: .parameterWindow(name)) }
    }
}
