import Foundation

/// A one-line progress bar on stderr (blocks/s and ETA), shown only on a terminal.
final class ProgressBar {
    private let total: UInt64?
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var done: UInt64 = 0

    init(total: UInt64?, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ height: UInt64) {
        done = height
        guard enabled, ContinuousClock.now - lastDraw > .milliseconds(200) else { return }
        lastDraw = ContinuousClock.now
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(height) / seconds : 0
        var line = "\r\(height) blocks  \(Int(rate)) blocks/s"
        if let total, total > 0 {
            let filled = Int(30 * min(height, total) / total)
            let eta = rate > 0 ? Int(Double(total - min(height, total)) / rate) : 0
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] \(height)/\(total)  \(Int(rate)) blocks/s  ETA \(eta)s"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
