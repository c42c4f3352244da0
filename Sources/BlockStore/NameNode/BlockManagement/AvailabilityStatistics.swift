/// Failure and recovery figures of one datanode or of the whole cluster.
///
/// A failure is a node declared dead; a recovery is a dead node registering again. Up time runs
/// from a (re)registration to the next failure; only completed up periods count, so a node that
/// never failed has no MTBF yet.
public struct AvailabilityStatistics: Codable, Sendable, Hashable {
    public var failureCount: Int
    public var recoveryCount: Int
    /// Sum of completed up periods, for pooling over nodes.
    public var completedUpTimeMillis: Int64
    /// Sum of completed down periods (failure to recovery).
    public var completedDownTimeMillis: Int64

    public init(failureCount: Int = 0, recoveryCount: Int = 0, completedUpTimeMillis: Int64 = 0, completedDownTimeMillis: Int64 = 0) {
        self.failureCount = failureCount
        self.recoveryCount = recoveryCount
        self.completedUpTimeMillis = completedUpTimeMillis
        self.completedDownTimeMillis = completedDownTimeMillis
    }

    /// Mean time between failures: mean completed up period; nil before the first failure.
    public var meanTimeBetweenFailuresMillis: Double? {
        failureCount == 0 ? nil : Double(completedUpTimeMillis) / Double(failureCount)
    }

    /// Mean time to recovery: mean time from failure to re-registration; nil before the first
    /// recovery.
    public var meanTimeToRecoveryMillis: Double? {
        recoveryCount == 0 ? nil : Double(completedDownTimeMillis) / Double(recoveryCount)
    }

    /// Both histories pooled: every completed period of either weighs the same.
    public func adding(_ other: AvailabilityStatistics) -> AvailabilityStatistics {
        AvailabilityStatistics(
            failureCount: failureCount + other.failureCount,
            recoveryCount: recoveryCount + other.recoveryCount,
            completedUpTimeMillis: completedUpTimeMillis + other.completedUpTimeMillis,
            completedDownTimeMillis: completedDownTimeMillis + other.completedDownTimeMillis)
    }
}
