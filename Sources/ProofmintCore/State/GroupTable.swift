/// Where the in-memory store keeps each tree group, by the path of the group's top: an open-addressing table (linear
/// probing, deletion by shifting the run back) whose slot holds the path and the group's number together. A lookup
/// reads one slot where `Dictionary` ran SipHash and read its metadata, key and value arrays, which made its finds the
/// replay's largest cost beside the hashing.
///
/// A slot's home is a mix of the path's first word, its depth and a seed drawn for each table (from `Hasher`'s
/// per-process seed), not of the path alone: tree paths are BLAKE2b of state keys that senders choose, and with a fixed
/// home a few million hashes buy an account whose groups land in the same run as others, so a chain of such accounts
/// would make every replay and audit of it probe runs thousands of slots long (docs/ECONOMIC-SECURITY.md).
/// Determinism: the table is only looked up; nothing iterates it for anything hashed or encoded, so the seed changes
/// where entries sit, never a result.
struct GroupTable {
    private struct Slot {
        /// −1 for an empty slot.
        var depth: Int32
        var group: Int32
        var bits: Hash32

        static let empty = Slot(depth: -1, group: 0, bits: .zero)
    }

    /// A seed for each process, so that no two runs place the same paths alike.
    static let processSeed: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x7072_6f6f_666d_696e as UInt64)
        return UInt64(truncatingIfNeeded: hasher.finalize())
    }()

    private let seed: UInt64
    private var slots = [Slot](repeating: .empty, count: 64)
    private var mask = 63
    /// 64 − log2(slots): a home is the product's top bits, the ones every bit of the path's first word reaches.
    private var shift: UInt64 = 58
    private(set) var count = 0

    /// `seed` is for tests that aim at a known placement.
    init(seed: UInt64 = GroupTable.processSeed) {
        self.seed = seed
    }

    /// The group whose top is `top`, if there is one.
    func group(at top: NodePath) -> Int? {
        var index = home(top.depth, top.bits)
        while true {
            let slot = slots[index]
            if slot.depth < 0 { return nil }
            if Int(slot.depth) == top.depth, slot.bits == top.bits { return Int(slot.group) }
            index = (index + 1) & mask
        }
    }

    /// Records `group` as the group at `top` (replacing any).
    mutating func set(_ group: Int, at top: NodePath) {
        if (count + 1) * 2 > slots.count { grow() }
        var index = home(top.depth, top.bits)
        while slots[index].depth >= 0 {
            if Int(slots[index].depth) == top.depth, slots[index].bits == top.bits {
                slots[index].group = Int32(group)
                return
            }
            index = (index + 1) & mask
        }
        slots[index] = Slot(depth: Int32(top.depth), group: Int32(group), bits: top.bits)
        count += 1
    }

    /// Forgets the group at `top`, moving later slots of its run back so no lookup meets a hole before its key.
    mutating func remove(at top: NodePath) {
        var hole = home(top.depth, top.bits)
        while true {
            if slots[hole].depth < 0 { return }
            if Int(slots[hole].depth) == top.depth, slots[hole].bits == top.bits { break }
            hole = (hole + 1) & mask
        }
        var next = hole
        while true {
            next = (next + 1) & mask
            let slot = slots[next]
            if slot.depth < 0 { break }
            let wanted = home(Int(slot.depth), slot.bits)
            // The slot stays if its home lies after the hole, up to where it sits (cyclically).
            let stays = hole <= next ? (hole < wanted && wanted <= next) : (hole < wanted || wanted <= next)
            if stays { continue }
            slots[hole] = slot
            hole = next
        }
        slots[hole] = .empty
        count -= 1
    }

    /// Every top with its group, in no particular order: for tests and checks.
    func forEach(_ body: (NodePath, Int) -> Void) {
        for slot in slots where slot.depth >= 0 { body(NodePath(depth: Int(slot.depth), bits: slot.bits), Int(slot.group)) }
    }

    /// Where a lookup of `top` starts, at the table's present size: for tests.
    func home(of top: NodePath) -> Int { home(top.depth, top.bits) }

    /// The farthest any entry sits from its home: how long a lookup can probe.
    var longestProbe: Int {
        var longest = 0
        for (index, slot) in slots.enumerated() where slot.depth >= 0 {
            longest = max(longest, (index - home(Int(slot.depth), slot.bits)) & mask)
        }
        return longest
    }

    /// The top bits of MurmurHash3's 64-bit finalizer over the seeded first word and depth: every input bit reaches
    /// them, so shallow paths (whose bits are the word's top bits only) spread as well as deep ones.
    private func home(_ depth: Int, _ bits: Hash32) -> Int {
        var x = bits.w0 ^ seed ^ UInt64(truncatingIfNeeded: depth) &* 0x9E37_79B9_7F4A_7C15
        x = (x ^ (x >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        x = (x ^ (x >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: (x ^ (x >> 33)) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: .empty, count: old.count * 2)
        mask = slots.count - 1
        shift -= 1
        count = 0
        for slot in old where slot.depth >= 0 {
            set(Int(slot.group), at: NodePath(depth: Int(slot.depth), bits: slot.bits))
        }
    }
}
