import Foundation
import ProofmintCore

/// What each libFuzzer executable of `Fuzz/` calls: bytes in, the target run, and a broken invariant turned into an
/// abort, which is how libFuzzer learns an input is a finding. Only those executables call it; everything else uses
/// `FuzzTarget.check`, which throws instead.
public enum FuzzEntry {
    public static func run(_ target: FuzzTarget, _ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let input = Bytes(UnsafeBufferPointer(start: data, count: size))
        do {
            _ = try target.checkBlocking(input)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            abort()
        }
        return 0
    }
}
