import SluiceCore

extension ScalarFunction {
    /// The type the function returns for these arguments (DuckDB's choices), for the binder;
    /// nil when the function does not take them.
    public func resultType(for arguments: [PhysicalExpression]) -> DataType? {
        let types = arguments.map(\.type)
        guard let first = types.first else { return nil }
        switch self {
        case .coalesce:
            return TypeCoercion.commonSupertype(types)
        case .nullIf:
            return types.count == 2 ? first : nil
        case .lower, .upper, .trim, .leftTrim, .rightTrim, .concat, .concatOperator, .substring:
            return .string
        case .length:
            return .int64
        case .extract:
            return first.isDateOrTimestamp ? .int64 : nil
        case .dateAddDays, .dateAddMonths:
            return first.isDateOrTimestamp && types.count == 2 && types[1].isInteger ? first : nil
        case .abs:
            return first.isNumeric ? first : nil
        case .round:
            guard first.isNumeric else { return nil }
            guard case .decimal(let precision, let scale) = first else { return first }
            guard arguments.count == 2 else { return .decimal(precision: precision, scale: 0) }
            guard let digits = arguments[1].literalValue?.converted(to: .int64), case .int64(let places) = digits else {
                return .float64
            }
            return .decimal(precision: precision, scale: Int(max(0, min(places, Int64(scale)))))
        case .floor, .ceil:
            if case .decimal(let precision, _) = first { return .decimal(precision: precision, scale: 0) }
            return first.isNumeric ? first : nil
        case .sqrt, .power, .ln, .exp:
            return first.isNumeric ? .float64 : nil
        case .mod:
            return types.count == 2 ? TypeCoercion.arithmeticResultType(.modulo, first, types[1]) : nil
        }
    }
}
