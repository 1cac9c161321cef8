import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `transaction` target.
@_cdecl("FuzzTransaction_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.transaction, argc, argv)
}
