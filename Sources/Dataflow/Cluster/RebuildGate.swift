import SluiceCore

/// Lets one worker task at a time run the job's code up to its target task. That code runs on
/// Swift concurrency's few shared threads and may block one (file systems listing splits through
/// a blocking bridge); several blocked at once could leave none to finish the calls they wait for.
/// The target task itself runs on a slot thread, after the gate is left.
///
/// Threading: any task may enter; a `Pass` is left once (later calls do nothing).
final class RebuildGate: @unchecked Sendable {
    // Sendable: state is guarded by `lock`.
    private let lock = Mutex()
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// One holder's right to leave.
    final class Pass: @unchecked Sendable {
        // Sendable: `hasLeft` is guarded by the gate's lock.
        private let gate: RebuildGate
        private var hasLeft = false

        fileprivate init(gate: RebuildGate) {
            self.gate = gate
        }

        func leave() {
            let first = gate.lock.withLock { () -> Bool in
                defer { hasLeft = true }
                return !hasLeft
            }
            if first { gate.release() }
        }
    }

    func enter() async -> Pass {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let entered = lock.withLock { () -> Bool in
                if !isHeld {
                    isHeld = true
                    return true
                }
                waiters.append(continuation)
                return false
            }
            if entered { continuation.resume() }
        }
        return Pass(gate: self)
    }

    private func release() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            if waiters.isEmpty {
                isHeld = false
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
