import Dispatch
import SluiceCore

/// Runs a batch's tasks on a few threads: each thread takes the next task in partition order
/// until none is left. The first failure by task order is thrown after every thread ended.
enum StreamTaskRunner {
    static func run(_ tasks: [StreamTask], processor: any StreamProcessor, threadCount requested: Int) throws {
        let threadCount = Swift.min(requested, tasks.count)
        if threadCount <= 1 {
            for task in tasks { try processor.runTask(task) }
            return
        }
        let failures = TaskFailures()
        let next = TaskCounter()
        let work = UncheckedTasks(tasks: tasks, processor: processor)
        DispatchQueue.concurrentPerform(iterations: threadCount) { _ in
            while let index = next.take(below: work.tasks.count) {
                do { try work.processor.runTask(work.tasks[index]) } catch { failures.record(error, at: index) }
            }
        }
        if let error = failures.first { throw error }
    }

    /// Hands out task indices to the pool's threads in order.
    final class TaskCounter: @unchecked Sendable {
        // Sendable: `next` is guarded by `lock`.
        private let lock = Mutex()
        private var next = 0

        func take(below count: Int) -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }

    /// The first task failure by task order.
    final class TaskFailures: @unchecked Sendable {
        // Sendable: `errors` is guarded by `lock`.
        private let lock = Mutex()
        private var errors: [Int: any Error] = [:]

        func record(_ error: any Error, at index: Int) { lock.withLock { errors[index] = error } }

        var first: (any Error)? { lock.withLock { errors.keys.min().map { errors[$0]! } } }
    }

    /// The batch's tasks and the processor, shared with the pool's threads: each task is touched
    /// by the one thread that took its index, and `runTask` is safe to call concurrently.
    struct UncheckedTasks: @unchecked Sendable {
        let tasks: [StreamTask]
        let processor: any StreamProcessor
    }
}
