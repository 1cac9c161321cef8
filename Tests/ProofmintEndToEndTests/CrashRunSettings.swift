import Foundation

/// The knobs of the crash run, read from the environment so that `make crashtest` runs the long version of the short
/// run `make test` includes, and a failing run can be replayed from its seed.
struct CrashRunSettings: CustomStringConvertible {
    /// SIGKILL cycles (`PROOFMINT_CRASH_CYCLES`, default 6: about half a minute).
    let cycles: Int
    /// Seeds the kill moments, block times and durability order (`PROOFMINT_CRASH_SEED`, default 42).
    let seed: UInt64
    /// The durability of each cycle in turn (`PROOFMINT_CRASH_DURABILITY`, comma-separated, default `full,none,meta`).
    let durabilities: [String]
    /// Whether every restart re-checks every recorded transaction and block (`PROOFMINT_CRASH_FULL_CHECK=1`).
    /// Default: yes up to 30 cycles; a longer run re-checks what the last cycle recorded, the newest block (which
    /// commits to every block below it by parent hash) and a seeded sample of the rest after each restart, and
    /// everything once at the end, since re-reading tens of thousands of receipts after every kill costs hours.
    let fullCheckEveryCycle: Bool

    static let durabilityNames: Set<String> = ["full", "meta", "none"]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        cycles = try Self.integer(environment, "PROOFMINT_CRASH_CYCLES", default: 6)
        seed = UInt64(try Self.integer(environment, "PROOFMINT_CRASH_SEED", default: 42))
        let names = (environment["PROOFMINT_CRASH_DURABILITY"] ?? "full,none,meta").split(separator: ",").map(String.init)
        guard !names.isEmpty, names.allSatisfy(Self.durabilityNames.contains) else {
            throw CommandFailure("PROOFMINT_CRASH_DURABILITY must list full, meta or none (comma-separated), not '\(names)'")
        }
        durabilities = names
        fullCheckEveryCycle = environment["PROOFMINT_CRASH_FULL_CHECK"].map { $0 == "1" } ?? (cycles <= 30)
    }

    var description: String {
        "cycles=\(cycles) seed=\(seed) durability=\(durabilities.joined(separator: ",")) full_check=\(fullCheckEveryCycle)"
    }

    private static func integer(_ environment: [String: String], _ name: String, default value: Int) throws -> Int {
        guard let text = environment[name], !text.isEmpty else { return value }
        guard let number = Int(text), number > 0 else { throw CommandFailure("\(name) must be a positive integer, not '\(text)'") }
        return number
    }
}
