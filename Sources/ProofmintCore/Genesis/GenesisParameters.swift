/// Reads the genesis file's `parameters` object through `ParameterRegistry`: the registry names every parameter,
/// its JSON form and its bounds, so genesis parsing, `pm_getParameters`, the wallet and docs/PARAMETERS.md cannot
/// disagree on a name.
struct GenesisParameters {
    /// The one non-governable member: lock steps change only with a protocol upgrade.
    static let lockSteps = "staking.lock_steps"

    let path: String

    /// Every name a genesis file may use: the registry's and the lock steps.
    static var names: [String] { ParameterRegistry.all.map(\.name) + [lockSteps] }

    func read(_ value: JSONValue, prefix: String, into parameters: inout Parameters) throws(GenesisError) {
        let here = prefix.isEmpty ? path : "\(path).\(prefix)"
        switch value {
        case let .object(members):
            for (name, member) in members { try readMember(member, name: prefix.isEmpty ? name : "\(prefix).\(name)", into: &parameters) }
        case let .array(items) where !prefix.isEmpty:
            // An array holds one parameter per position (tier multipliers): all of them, so none is kept by mistake.
            let expected = ParameterRegistry.all.filter { $0.name.hasPrefix(prefix + ".") }.count
            guard items.count == expected else { throw GenesisError(here, "must have exactly \(expected) entries, got \(items.count)") }
            for (index, item) in items.enumerated() { try readMember(item, name: "\(prefix).\(index)", into: &parameters) }
        default:
            throw GenesisError(here, "must be a JSON object")
        }
    }

    private func readMember(_ value: JSONValue, name: String, into parameters: inout Parameters) throws(GenesisError) {
        let at = "\(path).\(name)"
        if name == Self.lockSteps {
            parameters.staking.lockSteps = try Self.lockSteps(value, path: at)
        } else if let spec = ParameterRegistry.spec(named: name) {
            spec.assign(try Self.scalar(value, spec: spec, path: at), in: &parameters)
        } else if Self.names.contains(where: { $0.hasPrefix(name + ".") }) {
            try read(value, prefix: name, into: &parameters)
        } else {
            let hint = JSONFields.closest(to: name, in: Self.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw GenesisError(at, "unknown parameter\(hint); docs/PARAMETERS.md lists them")
        }
    }

    /// One value in the parameter's JSON form, within its bounds.
    private static func scalar(_ value: JSONValue, spec: ParameterSpec, path: String) throws(GenesisError) -> UInt128 {
        let number: UInt128
        switch spec.jsonForm {
        case .decimalString:
            guard let text = value.stringValue, let amount = Tokens.parse(text) else {
                throw GenesisError(path, "must be an amount in a string: base units (\"1000\") or tokens (\"12.5AI\")")
            }
            number = amount
        case .number:
            guard let whole = value.uint64Value else { throw GenesisError(path, "must be a non-negative whole number") }
            number = UInt128(whole)
        }
        guard number >= spec.minimum, number <= spec.maximum else {
            throw GenesisError(path, "must be between \(spec.minimum) and \(spec.maximum) (\(spec.unit.rawValue)), got \(number)")
        }
        return number
    }

    private static func lockSteps(_ value: JSONValue, path: String) throws(GenesisError) -> [StakingParameters.LockStep] {
        guard let items = value.arrayValue else { throw GenesisError(path, "must be an array") }
        var steps = [StakingParameters.LockStep]()
        for (index, item) in items.enumerated() {
            let step = try JSONFields(item, path: "\(path)[\(index)]", allowed: ["min_epochs", "multiplier_bps"])
            steps.append(.init(
                minEpochs: UInt32(try step.integer("min_epochs", max: UInt64(UInt32.max))),
                multiplierBps: UInt16(try step.integer("multiplier_bps", max: UInt64(UInt16.max)))))
        }
        return steps
    }
}
