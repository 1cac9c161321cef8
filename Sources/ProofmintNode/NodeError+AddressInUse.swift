import Foundation
import NIOCore

extension NodeError {
    /// True when `error` is the operating system refusing a bind because another socket holds the address
    /// (EADDRINUSE). Decided by the errno NIO reports, never by the error's text, which varies by platform and version.
    public static func isAddressInUse(_ error: any Error) -> Bool {
        guard let error = error as? IOError else { return false }
        return error.errnoCode == EADDRINUSE
    }
}
