import SluiceCore

/// Classic Parquet checkpoints of the log (`<version>.checkpoint.parquet`). Writing and reading
/// them needs nested Parquet columns, which the Parquet target is gaining; until then no
/// checkpoint is written, and a table with checkpoints from another writer is read from its
/// commits.
enum Checkpoint {
    static func read(log: DeltaLog, version: Int64) throws -> [DeltaAction] {
        throw SluiceError.data("reading Parquet checkpoints needs nested Parquet columns",
                               at: SourceLocation(file: log.checkpointPath(version)))
    }

    static func write(snapshot: Snapshot, log: DeltaLog) throws {
        throw SluiceError.io("writing Parquet checkpoints needs nested Parquet columns")
    }
}
