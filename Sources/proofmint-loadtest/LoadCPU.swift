import ProofmintBenchSupport

/// The CPU the node and the load generator used during a run, as cores kept busy: on one machine they share the
/// cores, so the node's figure says how much of the machine it actually had.
struct LoadCPU {
    struct Busy {
        let node: Double
        let generator: Double
    }

    private let pid: String
    private let nodeStart: Double?
    private let generatorStart: Double

    init(node pid: String) {
        self.pid = pid
        nodeStart = ProcessCPU.seconds(process: pid)
        generatorStart = ProcessCPU.seconds()
    }

    /// Cores busy from `init` until now, over the wall time `clock` has counted; the node's is -1 if it was unreadable.
    func coresBusy(over clock: LoadClock) -> Busy {
        let seconds = max(clock.milliseconds / 1000, 1e-3)
        var node = -1.0
        if let nodeStart, let nodeEnd = ProcessCPU.seconds(process: pid) { node = (nodeEnd - nodeStart) / seconds }
        return Busy(node: node, generator: (ProcessCPU.seconds() - generatorStart) / seconds)
    }
}
