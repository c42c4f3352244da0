/// Produces a partition's string elements as UTF-8 bytes, without making a `String` of each: set
/// on datasets of text read straight from files (`textFile`, and `split` over it), so built-in
/// operators that only look at the bytes (`split`, `valueCounts`) can skip the strings.
public final class UTF8ElementSource: Sendable {
    /// Calls its last argument with each element's bytes, valid only during the call.
    public typealias Producer = @Sendable (TaskContext, Int, (UnsafeRawBufferPointer) throws -> Void) throws -> Void

    @usableFromInline let producer: Producer

    public init(_ producer: @escaping Producer) {
        self.producer = producer
    }

    /// Calls `body` with the bytes of every element of `partition`, in order.
    @inlinable
    public func forEach(_ task: TaskContext, partition: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try producer(task, partition, body)
    }
}
