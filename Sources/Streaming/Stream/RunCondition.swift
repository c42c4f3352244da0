/// How long `StreamQuery.run(until:)` keeps running batches.
public enum RunCondition: Sendable {
    /// Until every source partition was read up to the end offsets seen when the run started
    /// (Spark's "available now"): for tests, backfills and reprocessing.
    case caughtUp
    /// This many batches that had records.
    case batches(Int)
    /// Until the token is stopped; waits the trigger interval whenever no records arrived.
    case stopped(StopToken)
}
