import Foundation

/// CPU time a process has used (user + system, all threads): divided by a stretch of wall time, how many cores the
/// stretch kept busy. Tells a pipeline that leaves a core idle from one that is simply out of cores, and, for the load
/// generator, how much of the machine the node had.
public enum ProcessCPU {
    public static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Another process's CPU seconds from `/proc/<process>/stat` (its `utime` and `stime`, in clock ticks); nil where
    /// /proc is not there or the process is gone.
    public static func seconds(process: String) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // The fields after the command name (which may hold spaces) start at the third, the state; utime is the 14th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
