import SluiceCore

/// Builds the accumulator for an aggregate call from its function, argument type and result
/// type.
enum AggregateAccumulators {
    /// - Throws: `SluiceError` (internal) for a combination the binder should not produce
    ///   (say `sum` of strings, or a result type that does not follow `AggregateCall.resultType`).
    static func make(for call: AggregateCall) throws -> any AggregateAccumulator {
        let plain = try makePlain(for: call)
        let needsDistinct = call.isDistinct && [.count, .sum, .avg].contains(call.function)
        guard needsDistinct, let argument = call.argument else { return plain }
        return DistinctAccumulator(plain: plain, argumentType: argument.type)
    }

    private static func makePlain(for call: AggregateCall) throws -> any AggregateAccumulator {
        let argumentType = call.argument?.type
        let unsupported = SluiceError.internal("\(call) over \(argumentType?.description ?? "nothing") yielding \(call.resultType) is not supported")
        switch call.function {
        case .countStar:
            return CountAccumulator(countsNulls: true)
        case .count:
            guard argumentType != nil else { throw unsupported }
            return CountAccumulator(countsNulls: false)
        case .sum:
            switch (argumentType, call.resultType) {
            case (.int32?, .int64), (.int64?, .int64):
                return ExactSumAccumulator(output: .integerSum, name: call.description)
            case (.decimal?, .decimal(_, let resultScale)):
                guard case .decimal(_, let scale)? = argumentType, scale == resultScale else { throw unsupported }
                return ExactSumAccumulator(output: .decimalSum(call.resultType), name: call.description)
            case (.float64?, .float64):
                return DoubleSumAccumulator(isAverage: false)
            default:
                throw unsupported
            }
        case .avg:
            switch (argumentType, call.resultType) {
            case (.int32?, .float64), (.int64?, .float64):
                return ExactSumAccumulator(output: .average(scale: 0), name: call.description)
            case (.decimal(_, let scale)?, .float64):
                return ExactSumAccumulator(output: .average(scale: scale), name: call.description)
            case (.float64?, .float64):
                return DoubleSumAccumulator(isAverage: true)
            default:
                throw unsupported
            }
        case .min, .max:
            guard let argumentType, argumentType == call.resultType else { throw unsupported }
            let isMin = call.function == .min
            switch argumentType.storage {
            case .boolean: return MinMaxAccumulator<Bool>(isMin: isMin, resultType: argumentType)
            case .int32: return MinMaxAccumulator<Int32>(isMin: isMin, resultType: argumentType)
            case .int64: return MinMaxAccumulator<Int64>(isMin: isMin, resultType: argumentType)
            case .int128: return MinMaxAccumulator<Int128>(isMin: isMin, resultType: argumentType)
            case .float64: return MinMaxAccumulator<Double>(isMin: isMin, resultType: argumentType)
            case .bytes: return BytesMinMaxAccumulator(isMin: isMin, resultType: argumentType)
            }
        }
    }
}
