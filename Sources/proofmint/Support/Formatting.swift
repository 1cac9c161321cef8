import Foundation

/// Small display helpers for the human output.
enum Formatting {
    /// Unix milliseconds as UTC ISO 8601, with the raw number kept beside it.
    static func timestamp(milliseconds: UInt64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "\(formatter.string(from: date)) (\(milliseconds))"
    }
}
