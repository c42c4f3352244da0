/// Where a stream starts reading a topic the first time a pipeline runs; a pipeline that
/// resumes from a checkpoint continues where it stopped instead.
public enum StartingPosition: Sendable, Hashable {
    /// Every record still held by the topic.
    case earliest
    /// Only records produced after the pipeline's first batch was planned.
    case latest
    /// The first record whose timestamp is at or after this many milliseconds since the epoch.
    case timestamp(Int64)
    /// These offsets, by partition; a partition beyond the list starts at its earliest record
    /// (how a lambda pipeline's speed layer starts at the batch view's cut).
    case offsets([Int64])
}
