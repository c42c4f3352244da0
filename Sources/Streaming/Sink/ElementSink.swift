/// Where the elements of a stream without windows go after each batch.
///
/// Threading: called on the query driver's thread only.
protocol ElementSink<Element>: AnyObject {
    associatedtype Element
    var sinkDescription: String { get }
    /// Commits one batch's elements, in source partition then offset order.
    func commit(batchId: Int64, elements: [Element]) throws -> SinkOutcome
    /// Makes what the sink writes to exist before the first batch (a table sink's table).
    func prepare() throws
}

extension ElementSink {
    func prepare() throws {}
}
