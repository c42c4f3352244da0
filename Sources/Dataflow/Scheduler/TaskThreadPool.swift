import Foundation
import SluiceCore

/// A fixed set of threads that run submitted work items in order of submission. Tasks are
/// CPU-bound and synchronous, so they run on their own threads, not on Swift concurrency's pool.
final class TaskThreadPool: @unchecked Sendable {
    // Sendable: `queue` and `isShutDown` are guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var queueHead = 0
    private var isShutDown = false
    let threadCount: Int

    init(threadCount: Int, name: String) {
        self.threadCount = threadCount
        for index in 0..<threadCount {
            let thread = Thread { [self] in runLoop() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(work)
        condition.signal()
        condition.unlock()
    }

    func shutdown() {
        condition.lock()
        isShutDown = true
        condition.broadcast()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while queueHead == queue.count && !isShutDown { condition.wait() }
            if queueHead == queue.count {
                condition.unlock()
                return
            }
            let work = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            }
            condition.unlock()
            work()
        }
    }
}
