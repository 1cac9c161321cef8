import Foundation

/// A fresh directory under the system temp dir, removed by `remove()` (call it from `tearDown`).
struct TemporaryDirectory {
    let path: String

    /// A failure to create it surfaces as the first file operation's error in the test.
    init() {
        path = NSTemporaryDirectory() + "proofmint-wallet-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }
}
