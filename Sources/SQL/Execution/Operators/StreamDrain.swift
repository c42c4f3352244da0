import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// Drains a stream with several threads at once: how blocking operators (hash aggregate, join
/// build, sort) consume their input so the pipeline below them runs in parallel.
public enum StreamDrain {
    /// Pulls `stream` to its end on `threadCount` threads; each thread makes its own state with
    /// `makeState`, feeds it every batch it pulls with `consume`, and the states are returned
    /// (one per thread, in no particular order) for the caller to merge.
    ///
    /// The first error any thread throws stops the others (they finish the batch in hand) and
    /// is rethrown.
    ///
    /// - Parameters:
    ///   - threadCount: 1 drains on the calling thread.
    public static func drain<State>(
        _ stream: any BatchStream, threadCount: Int, makeState: @Sendable () -> State,
        consume: @Sendable (inout State, RecordBatch) throws -> Void
    ) throws -> [State] {
        if threadCount <= 1 {
            var state = makeState()
            while let batch = try stream.next() { try consume(&state, batch) }
            return [state]
        }
        let shared = DrainShared<State>()
        try withoutActuallyEscaping(makeState) { makeState in
            try withoutActuallyEscaping(consume) { consume in
                let work: @Sendable () -> Void = {
                    var state = makeState()
                    do {
                        while !shared.isFailed, let batch = try stream.next() { try consume(&state, batch) }
                        shared.finish(state)
                    } catch {
                        shared.fail(error)
                    }
                }
                let threads = (1..<threadCount).map { _ in WorkerThread.start(work) }
                work()
                for thread in threads { thread.join() }
                if let error = shared.error { throw error }
            }
        }
        return shared.states
    }

    /// Runs `body` on `threadCount` threads (the calling thread is one of them) and waits for
    /// all; the first error is rethrown after every thread has returned.
    public static func parallel(threadCount: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let shared = DrainShared<Void>()
        let threads = (1..<max(1, threadCount)).map { index in
            WorkerThread.start { do { try body(index) } catch { shared.fail(error) } }
        }
        do { try body(0) } catch { shared.fail(error) }
        for thread in threads { thread.join() }
        if let error = shared.error { throw error }
    }
}

/// The per-drain state threads report into.
private final class DrainShared<State>: @unchecked Sendable {
    private let lock = Mutex()
    private var finished: [State] = []
    private var firstError: (any Error)?

    var isFailed: Bool { lock.withLock { firstError != nil } }
    var error: (any Error)? { lock.withLock { firstError } }
    var states: [State] { lock.withLock { finished } }

    func finish(_ state: State) { lock.withLock { finished.append(state) } }
    func fail(_ error: any Error) { lock.withLock { if firstError == nil { firstError = error } } }
}

/// A joinable POSIX thread running one closure (Foundation's `Thread` cannot be joined).
final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()

    static func start(_ body: @escaping @Sendable () -> Void) -> WorkerThread {
        let worker = WorkerThread()
        let box = Unmanaged.passRetained(ClosureBox(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // Deep expression trees recurse; give workers the main thread's usual 8 MiB.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let created = pthread_create(&worker.thread, &attributes, { argument in
            let box = Unmanaged<ClosureBox>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        precondition(created == 0, "pthread_create failed: \(created)")
        return worker
    }

    func join() { pthread_join(thread, nil) }
}

private final class ClosureBox: @unchecked Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
