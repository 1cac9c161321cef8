import ProofmintFuzzTargets

/// libFuzzer's driver, which its `main` would call. SwiftPM links every executable with its entry point renamed
/// (`<Module>_main`, aliased to `main`), so each executable defines that name and starts libFuzzer itself.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target this process fuzzes, set once by `run` before libFuzzer starts calling back.
nonisolated(unsafe) private var selected = FuzzTarget.transaction

public enum FuzzDriver {
    /// Runs libFuzzer over `target` with the process's arguments (corpus directories, -max_total_time=, ...).
    public static func run(
        _ target: FuzzTarget, _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> CInt {
        selected = target
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in FuzzEntry.run(selected, data, size) }
    }
}

/// The callback libFuzzer's own `main` would look for; defined so its archive links whichever `main` wins.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.run(selected, data, size)
}
