import FuzzDriver

/// The entry point SwiftPM links as `main`: libFuzzer over the `receipts` target.
@_cdecl("FuzzReceipts_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    FuzzDriver.run(.receipts, argc, argv)
}
