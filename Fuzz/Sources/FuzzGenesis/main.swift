import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `genesis` target.
@_cdecl("FuzzGenesis_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.genesis, argc, argv)
}
