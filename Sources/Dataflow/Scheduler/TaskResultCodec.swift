import SluiceCore

/// Turns an action's per-partition result into bytes and back, so results can travel between a
/// worker and the coordinator (and earlier actions' results to workers rebuilding the DAG).
/// Results whose type is `ShuffleCodable` (counts, byte counts, `[T]` of `ShuffleCodable` `T`)
/// and `Void` travel; others cannot, so such actions work in local mode only.
public struct TaskResultCodec: Sendable {
    /// The result type, for messages.
    public let typeName: String
    /// Whether values of the type can be encoded.
    public let isEncodable: Bool
    private let encodeValue: @Sendable (Any) throws -> [UInt8]
    private let decodeValue: @Sendable ([UInt8]) throws -> Any

    /// A codec for results of `type`, encodable when the type is `ShuffleCodable` or `Void`.
    public static func of<Result>(_ type: Result.Type) -> TaskResultCodec {
        if Result.self == Void.self {
            return TaskResultCodec(typeName: "Void", isEncodable: true, encodeValue: { _ in [] }, decodeValue: { _ in () })
        }
        guard let codable = Result.self as? any ShuffleCodable.Type else {
            let name = String(describing: Result.self)
            let problem = "results of type \(name) cannot travel between processes; on a cluster an action's result must be "
                + "ShuffleCodable (collect needs ShuffleCodable elements: map tuples to KeyValue first)"
            return TaskResultCodec(typeName: name, isEncodable: false,
                                   encodeValue: { _ in throw SluiceError.userInput(problem) },
                                   decodeValue: { _ in throw SluiceError.userInput(problem) })
        }
        return TaskResultCodec(typeName: String(describing: Result.self), isEncodable: true,
                               encodeValue: { value in
                                   guard let value = value as? any ShuffleCodable else {
                                       throw SluiceError.internal("a task result is not a \(Result.self)")
                                   }
                                   return value.encodedBytes()
                               },
                               decodeValue: { bytes in try decodeOpened(codable, bytes) })
    }

    /// For results that never leave the process (the default of jobs run without a type).
    public static let opaque = TaskResultCodec(typeName: "opaque", isEncodable: false,
                                               encodeValue: { _ in throw SluiceError.internal("this job's results cannot be encoded") },
                                               decodeValue: { _ in throw SluiceError.internal("this job's results cannot be decoded") })

    /// - Throws: `SluiceError.userInput` when the type cannot be encoded.
    public func encode(_ box: TaskResultBox) throws -> [UInt8] {
        try encodeValue(box.value)
    }

    /// - Throws: `SluiceError` when the type cannot be decoded or the bytes are not a value of it.
    public func decode(_ bytes: [UInt8]) throws -> TaskResultBox {
        TaskResultBox(try decodeValue(bytes))
    }
}

private func decodeOpened<Value: ShuffleCodable>(_ type: Value.Type, _ bytes: [UInt8]) throws -> Any {
    try Value.decode(fromBytes: bytes)
}
