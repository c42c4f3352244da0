import SluiceCore

/// Typed views of a datum for kernels. Each requires the datum's storage to match; scalars must
/// not be NULL (callers handle NULL literals first).
extension Datum {
    func int32Operand() -> Operand<Int32> {
        switch self {
        case .column(let column):
            guard case .int32(let values) = column.values else { preconditionFailure("\(column.type) is not stored as Int32") }
            return .vector(values)
        case .scalar(.int32(let value), _), .scalar(.date(let value), _):
            return .scalar(value)
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not an Int32")
        }
    }

    func int64Operand() -> Operand<Int64> {
        switch self {
        case .column(let column):
            guard case .int64(let values) = column.values else { preconditionFailure("\(column.type) is not stored as Int64") }
            return .vector(values)
        case .scalar(.int64(let value), _), .scalar(.timestamp(let value), _):
            return .scalar(value)
        case .scalar(.decimal(let unscaled, _), _):
            return .scalar(Int64(unscaled))
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not an Int64")
        }
    }

    func int128Operand() -> Operand<Int128> {
        switch self {
        case .column(let column):
            guard case .int128(let values) = column.values else { preconditionFailure("\(column.type) is not stored as Int128") }
            return .vector(values)
        case .scalar(.decimal(let unscaled, _), _):
            return .scalar(unscaled)
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not an Int128")
        }
    }

    func doubleOperand() -> Operand<Double> {
        switch self {
        case .column(let column):
            guard case .float64(let values) = column.values else { preconditionFailure("\(column.type) is not stored as Double") }
            return .vector(values)
        case .scalar(.float64(let value), _):
            return .scalar(value)
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not a Double")
        }
    }

    func booleanOperand() -> Operand<Bool> {
        switch self {
        case .column(let column):
            guard case .boolean(let values) = column.values else { preconditionFailure("\(column.type) is not stored as Bool") }
            return .vector(values)
        case .scalar(.boolean(let value), _):
            return .scalar(value)
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not a Bool")
        }
    }

    func bytesOperand() -> BytesOperand {
        switch self {
        case .column(let column):
            guard case .bytes(let buffer) = column.values else { preconditionFailure("\(column.type) is not stored as bytes") }
            return .vector(buffer)
        case .scalar(.string(let text), _):
            return .scalar(Array(text.utf8))
        case .scalar(.binary(let bytes), _):
            return .scalar(bytes)
        case .scalar(let value, let type):
            preconditionFailure("\(value) of \(type) is not text or bytes")
        }
    }
}
