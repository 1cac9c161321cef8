import Foundation

/// Reads JSON scalars from `JSONSerialization` output (the RPC edge) the same way on every platform.
/// On Linux `NSNumber(1) is Bool` is true, so booleans are told apart by their Objective-C type code.
enum JSONScalar {
    /// A non-negative whole number, or nil for booleans, fractions, negatives and non-numbers.
    static func unsignedInteger(_ value: Any?) -> UInt64? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        return UInt64(number.description)
    }

    /// A JSON `true`/`false`, or nil for anything else (including the numbers 0 and 1).
    static func boolean(_ value: Any?) -> Bool? {
        guard let number = value as? NSNumber, isBoolean(number) else { return nil }
        return number.boolValue
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c" || String(describing: type(of: number)).contains("Boolean")
    }
}
