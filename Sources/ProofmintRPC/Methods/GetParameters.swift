import ProofmintCore

/// `pm_getParameters` result: the consensus parameters in force after block `height`.
public struct ParametersResult: RPCObject {
    public var height: UInt64
    /// Every registry parameter by its flat name (`compute.protocol_fee_bps`), in the registry's order and JSON form
    /// (amounts as decimal strings, the rest as numbers), plus `staking.lock_steps`; the same names and forms as
    /// the genesis file and docs/PARAMETERS.md.
    public var parameters: ParameterValues
    /// The step windows stored so far (protocol version 2, PROTOCOL.md §12.10), by parameter name.
    public var changeWindows: [ChangeWindowView]

    public init(height: UInt64, parameters: Parameters, changeWindows: [ChangeWindowView] = []) {
        self.height = height
        self.parameters = ParameterValues(parameters)
        self.changeWindows = changeWindows
    }

    /// The value a change proposed in the next block is measured from: the value at the start of the parameter's
    /// change window while that window is open there, else the value in force (the chain's own rule, §12.10).
    public func stepBase(_ name: String) -> UInt128? {
        guard let spec = ParameterRegistry.spec(named: name) else { return nil }
        let rules = parameters.parameters.governance
        if let stored = changeWindows.first(where: { $0.name == name }) {
            let window = ParameterChangeWindow(startHeight: stored.startHeight, valueAtStart: stored.valueAtStart)
            if window.isOpen(at: height &+ 1, length: rules.changeWindowBlocks) { return window.valueAtStart }
        }
        return spec.value(in: parameters.parameters)
    }
}

/// Where a parameter's step window started, and its value then.
public struct ChangeWindowView: RPCObject {
    public var name: String
    public var startHeight: UInt64
    public var valueAtStart: UInt128

    public init(name: String, startHeight: UInt64, valueAtStart: UInt128) {
        self.name = name
        self.startHeight = startHeight
        self.valueAtStart = valueAtStart
    }
}

/// A full parameter set in its flat JSON form. Decoding starts from the defaults and sets every member it finds.
public struct ParameterValues: Codable, Sendable, Equatable {
    public var parameters: Parameters

    public init(_ parameters: Parameters) { self.parameters = parameters }

    /// The one member outside the registry: it changes only with a protocol upgrade.
    public static let lockStepsName = "staking.lock_steps"

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: VerbatimKey.self)
        for spec in ParameterRegistry.all {
            let value = spec.value(in: parameters)
            switch spec.jsonForm {
            case .decimalString: try container.encode(value, forKey: VerbatimKey(spec.name))
            case .number: try container.encode(UInt64(clamping: value), forKey: VerbatimKey(spec.name))
            }
        }
        try container.encode(parameters.staking.lockSteps.map(LockStepView.init), forKey: VerbatimKey(Self.lockStepsName))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: VerbatimKey.self)
        var parameters = Parameters.defaults
        for spec in ParameterRegistry.all {
            let key = VerbatimKey(spec.name)
            let value: UInt128
            switch spec.jsonForm {
            case .decimalString: value = try container.decode(UInt128.self, forKey: key)
            case .number: value = UInt128(try container.decode(UInt64.self, forKey: key))
            }
            spec.assign(value, in: &parameters)
        }
        parameters.staking.lockSteps = try container.decode([LockStepView].self, forKey: VerbatimKey(Self.lockStepsName)).map(\.step)
        self.parameters = parameters
    }
}

/// One lock step: from `min_epochs` of lock on, power is multiplied by `multiplier_bps` / 10⁴.
public struct LockStepView: RPCObject {
    public var minEpochs: UInt32
    public var multiplierBps: UInt16

    init(_ step: StakingParameters.LockStep) {
        minEpochs = step.minEpochs
        multiplierBps = step.multiplierBps
    }

    var step: StakingParameters.LockStep { .init(minEpochs: minEpochs, multiplierBps: multiplierBps) }
}
