/// One governable parameter: its name (as in the genesis file), unit, bounds and where it lives in `Parameters`.
public struct ParameterSpec: Sendable {
    public enum Unit: String, Sendable {
        case amount = "base units"
        case bps = "basis points"
        case blocks
        case bytes
        case count
        case epochs
        case days
        case years
        case milliseconds
        case power = "√base units"
    }

    public let name: String
    public let unit: Unit
    public let minimum: UInt128
    public let maximum: UInt128
    public let summary: String
    let get: @Sendable (Parameters) -> UInt128
    let set: @Sendable (inout Parameters, UInt128) -> Void

    init(
        _ name: String, _ unit: Unit, _ minimum: UInt128, _ maximum: UInt128, _ summary: String,
        get: @escaping @Sendable (Parameters) -> UInt128, set: @escaping @Sendable (inout Parameters, UInt128) -> Void
    ) {
        self.name = name
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.summary = summary
        self.get = get
        self.set = set
    }

    /// How the parameter is written in JSON (the genesis file, `pm_getParameters`): amounts as decimal strings so
    /// that no 128-bit value passes through a JSON number; every other unit fits 64 bits and is a number.
    public enum JSONForm: Sendable {
        case decimalString
        case number
    }

    public var jsonForm: JSONForm { unit == .amount ? .decimalString : .number }

    public func value(in parameters: Parameters) -> UInt128 { get(parameters) }

    /// Sets the value without the bounds check: for decoding a parameter set that the chain already checked.
    public func assign(_ value: UInt128, in parameters: inout Parameters) { set(&parameters, value) }

    /// The largest step allowed from `current` when the change limit is `maxChangeBps`: ⌊current × bps / 10⁴⌋, at
    /// least 1 (so a parameter at 0 can still move).
    public static func maxStep(from current: UInt128, maxChangeBps: UInt16) -> UInt128 {
        max(WideArithmetic.multiplyDivide(current, UInt128(maxChangeBps), 10_000), 1)
    }
}
