import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `block` target.
@_cdecl("FuzzBlock_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.block, argc, argv)
}
