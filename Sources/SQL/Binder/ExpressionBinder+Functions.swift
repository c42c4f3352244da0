import SQLParser
import SluiceCore

extension ExpressionBinder {
    func bindFunction(_ call: FunctionCall) throws -> PhysicalExpression {
        let name = call.name.name.value.lowercased()
        if call.window != nil { return try bindWindow(call, name: name) }
        if AggregateDetection.aggregateNames.contains(name) { return try bindAggregate(call, name: name) }
        if call.isDistinct || call.hasStarArgument {
            throw BindError.make("\(name)() is not an aggregate; DISTINCT and * do not apply", at: call.range)
        }
        let arguments = try call.arguments.map { try bind($0) }
        guard let function = Self.scalarFunction(name, arguments: arguments) else {
            throw BindError.make("unknown function \(name)()", at: call.range)
        }
        var typedArguments = arguments
        switch function {
        case .coalesce:
            guard let common = ExpressionBinder.unifiedType(arguments) else {
                throw BindError.make("coalesce arguments have no common type (\(arguments.map(\.type)))", at: call.range)
            }
            typedArguments = arguments.map { ExpressionBinder.cast($0, to: common) }
        case .concat:
            typedArguments = arguments.map { ExpressionBinder.cast($0, to: .string) }
        default:
            break
        }
        guard let resultType = function.resultType(for: typedArguments) else {
            let types = arguments.map { "\($0.type)" }.joined(separator: ", ")
            throw BindError.make("\(name)() does not take (\(types))", at: call.range)
        }
        return .function(function, typedArguments, resultType: resultType)
    }

    private static func scalarFunction(_ name: String, arguments: [PhysicalExpression]) -> ScalarFunction? {
        switch name {
        case "coalesce", "ifnull": .coalesce
        case "nullif": .nullIf
        case "lower", "lcase": .lower
        case "upper", "ucase": .upper
        case "length", "char_length", "character_length", "len": .length
        case "trim": .trim
        case "ltrim": .leftTrim
        case "rtrim": .rightTrim
        case "concat": .concat
        case "substring", "substr": .substring
        case "abs": .abs
        case "round": .round
        case "floor": .floor
        case "ceil", "ceiling": .ceil
        case "sqrt": .sqrt
        case "power", "pow": .power
        case "ln": .ln
        case "exp": .exp
        case "mod": .mod
        case "year", "month", "day", "quarter", "hour", "minute", "second", "dayofweek", "dayofyear":
            DatePart(rawValue: name).map(ScalarFunction.extract)
                ?? (name == "dayofweek" ? .extract(.dayOfWeek) : name == "dayofyear" ? .extract(.dayOfYear) : nil)
        default: nil
        }
    }

    private func aggregateFunction(_ name: String, call: FunctionCall) throws -> AggregateCall.Function {
        switch name {
        case "count": return call.hasStarArgument || call.arguments.isEmpty ? .countStar : .count
        case "sum": return .sum
        case "avg", "mean": return .avg
        case "min": return .min
        case "max": return .max
        default: throw BindError.make("unknown aggregate \(name)()", at: call.range)
        }
    }

    /// The argument of an aggregate or window aggregate, bound against the input rows.
    private func aggregateCall(_ call: FunctionCall, name: String) throws -> AggregateCall {
        var function = try aggregateFunction(name, call: call)
        if function == .countStar, call.filter == nil { return AggregateCall(.countStar, nil, resultType: .int64) }
        guard call.arguments.count == 1 || function == .countStar else {
            throw BindError.make("\(name)() takes one argument", at: call.range)
        }
        var argument = function == .countStar ? PhysicalExpression.literal(.int32(1), .int32) : try bind(call.arguments[0])
        if let filter = call.filter {
            // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END): rows failing c give NULL,
            // which every aggregate skips (count(*) counts a constant instead).
            let condition = try bind(filter)
            guard condition.type == .boolean else {
                throw BindError.make("FILTER needs a BOOLEAN condition, not \(condition.type)", at: filter.range)
            }
            argument = .caseWhen(operand: nil, branches: [CaseBranch(when: condition, then: argument)], otherwise: nil,
                                 resultType: argument.type)
            if function == .countStar { function = .count }
        }
        switch function {
        case .sum, .avg:
            guard argument.type.isNumeric || argument.literalValue == .null else {
                throw BindError.make("\(name)() needs a number, not \(argument.type)", at: call.range)
            }
        default:
            break
        }
        return AggregateCall(function, argument, isDistinct: call.isDistinct,
                             resultType: AggregateCall.resultType(of: function, argumentType: argument.type))
    }

    private func bindAggregate(_ call: FunctionCall, name: String) throws -> PhysicalExpression {
        guard let aggregation else {
            throw BindError.make("aggregate \(name)() is not allowed here", at: call.range)
        }
        guard !isInsideAggregate else {
            throw BindError.make("aggregate calls cannot be nested: \(call)", at: call.range)
        }
        isInsideAggregate = true
        defer { isInsideAggregate = false }
        let aggregate = try aggregateCall(call, name: name)
        return aggregation.column(for: aggregate, name: ExpressionNaming.name(of: .function(call)), ids: binder.ids).reference
    }

    private func bindWindow(_ call: FunctionCall, name: String) throws -> PhysicalExpression {
        guard let windows, !isInsideAggregate, let window = call.window else {
            throw BindError.make("window function \(name)() is only allowed in the select list and ORDER BY", at: call.range)
        }
        if let frame = window.frame {
            let isDefault = frame.units == .range && frame.start == .unboundedPreceding && (frame.end == nil || frame.end == .currentRow)
            if !isDefault { throw BindError.make("window frames other than the default are not supported yet", at: window.range) }
        }
        let partitionBy = try window.partitionBy.map { try bind($0) }
        let orderBy = try window.orderBy.map { item in
            SortKey(try bind(item.expression), isAscending: !item.isDescending, nullsFirst: item.nullsOrder == .first)
        }
        let windowCall: WindowCall
        switch name {
        case "row_number", "rank", "dense_rank":
            let function: WindowCall.Function = name == "row_number" ? .rowNumber : name == "rank" ? .rank : .denseRank
            windowCall = WindowCall(function, partitionBy: partitionBy, orderBy: orderBy, resultType: .int64)
        case _ where AggregateDetection.aggregateNames.contains(name):
            let aggregate = try aggregateCall(call, name: name)
            windowCall = WindowCall(.aggregate, aggregate: aggregate, partitionBy: partitionBy, orderBy: orderBy,
                                    resultType: aggregate.resultType)
        default:
            throw BindError.make("unknown window function \(name)()", at: call.range)
        }
        return windows.column(for: windowCall, name: ExpressionNaming.name(of: .function(call)), ids: binder.ids).reference
    }
}
