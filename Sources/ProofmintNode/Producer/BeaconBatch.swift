import ProofmintCore

/// The producer's beacons for a run of heights, proven on every core. A beacon depends only on the chain id, the
/// height and the key, never on the state, so `pm_mine`'s fast path proves a whole run's before executing it: the
/// VRF proofs are most of an empty block's cost, and they are the part that parallelises.
enum BeaconBatch {
    /// The beacons of `heights`, in order.
    static func prove(chainId: String, heights: Range<UInt64>, producer: ValidatorKey) throws(NodeError) -> [BlockBeacon] {
        let results = ParallelMap.map(count: heights.count, threshold: 2) { index in
            Result { () throws(NodeError) in
                try BlockProducer.beacon(chainId: chainId, height: heights.lowerBound + UInt64(index), producer: producer)
            }
        }
        return try results.map { result throws(NodeError) in try result.get() }
    }
}
