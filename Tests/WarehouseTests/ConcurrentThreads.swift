import Foundation

/// Runs `count` bodies on their own threads at once and returns when all have finished.
enum ConcurrentThreads {
    static func run(count: Int, _ body: @escaping @Sendable (Int) throws -> Void,
                    failure: @escaping @Sendable (any Error) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do { try body(index) } catch { failure(error) }
            }
            thread.start()
        }
        group.wait()
    }
}
