import ArgumentParser

/// Exit codes scripts can tell apart: 1 is any error (bad input, unreachable node, refused transaction).
enum ExitCodes {
    /// The transaction was included but its receipt reports failure (the fee was still charged).
    static let receiptFailed = ExitCode(2)
    /// The transaction was not included before `--timeout`.
    static let timedOut = ExitCode(3)
}
