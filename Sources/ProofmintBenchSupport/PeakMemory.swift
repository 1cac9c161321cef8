import Foundation

/// Resident memory of this process or another one on the same machine (the load generator reads the node's).
public enum PeakMemory {
    /// Peak resident memory of this process.
    public static func mebibytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// Anonymous resident memory now (`RssAnon`): the heap, without LMDB's file-backed map, which the kernel can drop.
    /// What must stay bounded as the state grows. -1 where /proc is not there.
    public static func anonymousMebibytes(process: String = "self") -> Int { reading("RssAnon:", process: process) }

    /// Peak resident memory (`VmHWM`) of a process, -1 where /proc is not there.
    public static func peakMebibytes(process: String) -> Int { reading("VmHWM:", process: process) }

    /// A kB field of `/proc/<process>/status`, in MiB.
    private static func reading(_ field: String, process: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return -1 }
        return kibibytes / 1024
    }
}
