import Foundation

/// CPU time this process has used (user + system, all threads): divided by a stretch of wall time, how many cores
/// the stretch kept busy. Tells a pipeline that leaves a core idle from one that is simply out of cores.
public enum ProcessCPU {
    public static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
