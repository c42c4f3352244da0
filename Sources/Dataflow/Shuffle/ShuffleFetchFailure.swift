/// A reduce task could not get a map task's output: its process died or its files are damaged.
/// The scheduler answers by running that map task again (from lineage), not by retrying the reducer alone.
public struct ShuffleFetchFailure: Error, Sendable, CustomStringConvertible {
    public var shuffleId: Int
    public var mapPartition: Int
    public var reason: String

    public init(shuffleId: Int, mapPartition: Int, reason: String) {
        self.shuffleId = shuffleId
        self.mapPartition = mapPartition
        self.reason = reason
    }

    public var description: String {
        "shuffle \(shuffleId) output of map partition \(mapPartition) is unavailable: \(reason)"
    }
}
