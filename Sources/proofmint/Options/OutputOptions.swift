import ArgumentParser

/// `--json`: machine-readable output.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print JSON instead of text, for scripts.")
    var json = false

    var console: Console { Console(json: json) }
}
