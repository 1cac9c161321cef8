#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a line from the controlling terminal (`/dev/tty`), with echo off for secrets.
///
/// Using `/dev/tty` rather than stdin lets a mnemonic arrive on stdin while the password is still typed by hand,
/// and means "no terminal" is detected reliably (cron, CI, pipes).
public enum TerminalPrompt {
    /// Lines longer than this are refused rather than buffered without bound.
    static let maximumLength = 4096

    /// True if a controlling terminal can be opened.
    public static var isAvailable: Bool {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// Shows `prompt` and reads one line. With `echo: false` the typed characters are not shown.
    /// Returns nil if there is no terminal.
    public static func readLine(prompt: String, echo: Bool) throws(PasswordError) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        emit(fd, prompt)

        var saved = termios()
        let canToggleEcho = !echo && tcgetattr(fd, &saved) == 0
        if canToggleEcho {
            // Ctrl-C or a kill while echo is off must not leave the user's terminal silent.
            echoRestoreDescriptor = fd
            echoRestoreSettings = saved
            signal(SIGINT, restoreEchoAndRaise)
            signal(SIGTERM, restoreEchoAndRaise)
            signal(SIGHUP, restoreEchoAndRaise)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if canToggleEcho {
                _ = tcsetattr(fd, TCSAFLUSH, &saved)
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                signal(SIGHUP, SIG_DFL)
                echoRestoreDescriptor = -1
            }
        }

        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0 {
                if errno == EINTR { continue }
                throw .terminal(String(cString: strerror(errno)))
            }
            if count == 0 {
                if line.isEmpty { throw .cancelled }
                break
            }
            if byte == 0x0A { break }
            line.append(byte)
            guard line.count <= maximumLength else { throw .terminal("input longer than \(maximumLength) bytes") }
        }
        if line.last == 0x0D { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    /// Writes a notice to the terminal (not stdout, which may be captured by a script).
    public static func notice(_ text: String) {
        let fd = open("/dev/tty", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        emit(fd, text)
        close(fd)
    }

    private static func emit(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { raw in systemWrite(fd, raw.baseAddress, raw.count) }
    }
}

/// `write(2)`, named apart so calls inside `TerminalPrompt` are unambiguous.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// The terminal and settings to restore if a signal arrives while a secret is being typed (see `readLine`).
/// Written only around the prompt, read only by the signal handler: the one place global mutable state is needed.
nonisolated(unsafe) private var echoRestoreDescriptor: Int32 = -1
nonisolated(unsafe) private var echoRestoreSettings = termios()

/// Restores the terminal's echo, then lets the signal do what it would have done (usually end the process).
private func restoreEchoAndRaise(_ signalNumber: Int32) {
    if echoRestoreDescriptor >= 0 { _ = tcsetattr(echoRestoreDescriptor, TCSANOW, &echoRestoreSettings) }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
