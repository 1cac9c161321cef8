import Dispatch

/// A signature batch checked on a background queue, collected with `wait()`: lets a replay verify block N+1 while it
/// executes block N. The results depend only on the block, never on timing.
final class SignatureCheck: @unchecked Sendable {
    private var result: [Bool] = []
    private let group = DispatchGroup()

    init(_ work: @escaping @Sendable () -> [Bool]) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.group.leave()
        }
    }

    func wait() -> [Bool] {
        group.wait()
        return result
    }
}
