import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `keystore` target.
@_cdecl("FuzzKeystore_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.keystore, argc, argv)
}
