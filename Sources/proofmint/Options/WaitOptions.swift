import ArgumentParser

/// `--no-wait` / `--timeout`: whether and how long to wait for inclusion after sending.
struct WaitOptions: ParsableArguments {
    @Flag(name: .customLong("no-wait"), help: "Return as soon as the node accepts the transaction, without waiting for a block.")
    var noWait = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp(
        "Seconds to wait for inclusion before giving up (exit code 3).", valueName: "SECONDS"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
    }

    var duration: Duration { .milliseconds(Int64(timeout * 1000)) }
}
