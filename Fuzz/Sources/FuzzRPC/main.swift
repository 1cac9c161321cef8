import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `rpc` target.
@_cdecl("FuzzRPC_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.rpc, argc, argv)
}
