import Foundation

/// Bytes this process has sent toward the disk (`write_bytes` of `/proc/self/io`: counted as pages are dirtied in the
/// page cache, so a commit's count is the pages it wrote whole, whenever the kernel flushes them). Around a commit, it
/// tells how many pages the commit dirtied; nil where /proc is not there.
public enum ProcessIO {
    public static func writtenBytes() -> UInt64? {
        guard let io = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        for line in io.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return UInt64(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
