import Dispatch
import Foundation
import ProofmintCore

/// The producer's beacons for a run of heights, proven on every core. A beacon depends only on the chain id, the
/// height and the key, never on the state, so `pm_mine`'s fast path proves a whole run's before executing it: the
/// VRF proofs are most of an empty block's cost, and they are the part that parallelises.
enum BeaconBatch {
    /// The beacons of `heights`, in order.
    static func prove(chainId: String, heights: Range<UInt64>, producer: ValidatorKey) throws(NodeError) -> [BlockBeacon] {
        let count = heights.count
        guard count > 0 else { return [] }
        let results = ResultSlots(count: count)
        let workers = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < count {
                results.set(index, Result { () throws(NodeError) in
                    try BlockProducer.beacon(chainId: chainId, height: heights.lowerBound + UInt64(index), producer: producer)
                })
                index += workers
            }
        }
        return try results.collect()
    }
}

/// One result per index, each written by exactly one worker; read only after every worker has finished.
private final class ResultSlots: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<Result<BlockBeacon, NodeError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ result: Result<BlockBeacon, NodeError>) { slots[index] = result }

    func collect() throws(NodeError) -> [BlockBeacon] {
        var beacons = [BlockBeacon]()
        beacons.reserveCapacity(slots.count)
        for slot in slots {
            switch slot {
            case let .success(beacon)?: beacons.append(beacon)
            case let .failure(error)?: throw error
            case nil: throw .cannotProduce("a beacon of the run was not computed")
            }
        }
        return beacons
    }
}
