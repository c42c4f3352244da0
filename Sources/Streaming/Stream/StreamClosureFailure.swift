/// A user closure threw while a record went through a pipeline: the record goes to the
/// dead-letter topic with `reason`, and the pipeline goes on.
public struct StreamClosureFailure: Error, Sendable, CustomStringConvertible {
    /// The operator whose closure threw (`map`, `withEventTime`, `aggregate`, ...).
    public var operatorName: String
    /// The thrown error's text.
    public var reason: String

    public init(operatorName: String, reason: String) {
        self.operatorName = operatorName
        self.reason = reason
    }

    public var description: String { "\(operatorName): \(reason)" }

    /// Runs a user closure, turning anything it throws into a `StreamClosureFailure`.
    @inlinable
    static func guarding<T>(_ operatorName: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as StreamClosureFailure {
            throw failure
        } catch {
            throw StreamClosureFailure(operatorName: operatorName, reason: "\(error)")
        }
    }
}
