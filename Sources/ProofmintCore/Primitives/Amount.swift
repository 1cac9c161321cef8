/// Token amounts are `UInt128` counts of base units; 1 AI = 10^18 base units.
public typealias Amount = UInt128

/// Conversions between base units and the decimal text people read and type.
public enum Tokens {
    public static let symbol = "AI"
    public static let decimals = 18
    /// Base units in one whole token.
    public static let one: Amount = 1_000_000_000_000_000_000

    /// Formats base units as a decimal token amount without trailing zeros: `1.5` for 1.5 × 10^18.
    public static func format(_ amount: Amount) -> String {
        let whole = amount / one
        let fraction = amount % one
        if fraction == 0 { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: decimals - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// Parses either a token amount with its unit (`"12.5AI"`, `"12.5 AI"`) or plain base units (`"1250"`).
    /// Rejects signs, exponents, more than 18 decimals and values that do not fit in 128 bits.
    public static func parse(_ text: String) -> Amount? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased().hasSuffix(symbol) {
            return parseTokens(String(trimmed.dropLast(symbol.count)).trimmingCharacters(in: .whitespaces))
        }
        return parseBaseUnits(trimmed)
    }

    /// Parses a decimal string of base units (the JSON form of every amount).
    public static func parseBaseUnits(_ text: String) -> Amount? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard text == "0" || !text.hasPrefix("0") else { return nil }
        return Amount(text)
    }

    /// Parses a decimal token amount such as `12.5` into base units.
    public static func parseTokens(_ text: String) -> Amount? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let wholeText = String(parts[0])
        let fractionText = parts.count == 2 ? String(parts[1]) : ""
        guard !wholeText.isEmpty, wholeText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        guard wholeText == "0" || !wholeText.hasPrefix("0") else { return nil }
        guard fractionText.count <= decimals, fractionText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if parts.count == 2 && fractionText.isEmpty { return nil }
        guard let whole = Amount(wholeText) else { return nil }
        let padded = fractionText + String(repeating: "0", count: decimals - fractionText.count)
        guard let fraction = Amount(padded) else { return nil }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: one)
        guard !overflow else { return nil }
        let (sum, overflow2) = scaled.addingReportingOverflow(fraction)
        return overflow2 ? nil : sum
    }
}

import Foundation
