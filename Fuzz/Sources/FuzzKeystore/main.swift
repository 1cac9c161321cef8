import ProofmintFuzzTargets

/// libFuzzer's entry: one input for the `keystore` target; a broken invariant aborts, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntry.run(.keystore, data, size)
}
