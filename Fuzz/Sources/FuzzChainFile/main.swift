import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `chainFile` target.
@_cdecl("FuzzChainFile_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.chainFile, argc, argv)
}
