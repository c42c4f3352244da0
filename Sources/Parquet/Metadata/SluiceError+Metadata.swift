import SluiceCore

extension SluiceError {
    /// The error for a Thrift struct that ended without one of its required fields.
    static func missingMetadataField(_ structName: String, _ fieldName: String) -> SluiceError {
        .data("corrupt Parquet metadata: \(structName) is missing required field '\(fieldName)'")
    }
}

/// Unwraps a required field read from a Thrift struct.
/// - Throws: `SluiceError.data` naming the struct and field when the field never appeared.
@inline(__always)
func requireField<Value>(_ value: Value?, _ structName: String, _ fieldName: String) throws(SluiceError) -> Value {
    guard let value else { throw SluiceError.missingMetadataField(structName, fieldName) }
    return value
}
