import SluiceCore

/// A stream of record batches that many threads pull from at once: the unit every physical
/// operator produces and consumes.
///
/// Morsel-driven parallelism falls out of the contract: a scan hands each caller of `next()` a
/// different morsel (a row group, a chunk of a file), and a streaming operator (filter,
/// projection, the probe side of a hash join) transforms that batch on the calling thread, so
/// `ExecutionContext.threadCount` threads pulling from the top of a pipeline run the whole
/// pipeline in parallel. Blocking operators (hash aggregate, sort, the build side of a join)
/// drain their input with that many threads, then hand out their result.
///
/// Threading: `next()` may be called from several threads at the same time; each batch is
/// returned to exactly one caller. Order: batches come in no particular order unless the
/// operator says so (`Sort`, `Limit` over a sort), and an ordered stream is only pulled by
/// one thread.
public protocol BatchStream: AnyObject, Sendable {
    /// The schema of every batch `next()` returns.
    var schema: Schema { get }

    /// The next batch, or nil once the stream is exhausted (and on every call after that).
    /// Batches may be empty.
    ///
    /// nil is final for every caller: while another thread's work may still produce a batch
    /// (a row group being split, a probe in flight), a caller must wait rather than get nil,
    /// because parents take one nil as the end of their input.
    /// - Throws: `SluiceError`; after a throw the stream is finished and the query fails.
    func next() throws -> RecordBatch?

    /// What `EXPLAIN` prints for this operator: its name ("HashAggregate").
    var operatorName: String { get }

    /// What `EXPLAIN` prints after the name: keys, predicates, columns ("keys: [l_returnflag]").
    var operatorDetails: String { get }

    /// The streams this one reads, for `EXPLAIN` and `EXPLAIN ANALYZE`.
    var inputs: [any BatchStream] { get }
}
