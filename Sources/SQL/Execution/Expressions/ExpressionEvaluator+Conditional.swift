import SluiceCore

/// `CASE` and `COALESCE`: lazily evaluated, so each branch (or argument) runs only on the rows
/// that reach it, as in DuckDB. `CASE WHEN x = 0 THEN 0 ELSE CAST(s AS INT) END` never casts
/// the rows where `x = 0`.
extension ExpressionEvaluator {
    static func caseWhen(
        operand: PhysicalExpression?, branches: [CaseBranch], otherwise: PhysicalExpression?, resultType: DataType,
        _ input: EvaluationInput, expression: PhysicalExpression
    ) throws -> Datum {
        if operand == nil, let branch = branches.first(where: { $0.when.type != .boolean }) {
            throw SluiceError.internal("CASE condition \(branch.when) is \(branch.when.type), not BOOLEAN, in \(expression)")
        }
        let count = input.rowCount
        var remaining = VectorKernels.allRows(count)
        var pieces: [SelectedValues] = []
        for branch in branches where !remaining.isEmpty {
            let condition = operand.map { PhysicalExpression.comparison(.equal, $0, branch.when) } ?? branch.when
            let taken = try select(condition, input, within: remaining.count == count ? nil : remaining)
            guard !taken.isEmpty else { continue }
            pieces.append(SelectedValues(rows: taken, values: try evaluate(branch.then, input, at: taken, as: resultType, in: expression)))
            remaining = SelectionVector.difference(remaining, taken)
        }
        if let otherwise, !remaining.isEmpty {
            pieces.append(SelectedValues(rows: remaining, values: try evaluate(otherwise, input, at: remaining, as: resultType, in: expression)))
        }
        return .column(SelectedValues.scatter(pieces, count: count, type: resultType))
    }

    /// The first non-NULL argument per row; each argument is evaluated only at rows that all
    /// earlier arguments left NULL.
    static func coalesce(
        _ arguments: [PhysicalExpression], _ input: EvaluationInput, resultType: DataType, expression: PhysicalExpression
    ) throws -> Datum {
        let count = input.rowCount
        var remaining = VectorKernels.allRows(count)
        var pieces: [SelectedValues] = []
        for argument in arguments where !remaining.isEmpty {
            let values = try evaluate(argument, input, at: remaining, as: resultType, in: expression)
            guard let validity = values.validity else {
                pieces.append(SelectedValues(rows: remaining, values: values))
                remaining = []
                break
            }
            var present: [Int] = []
            var stillNull: [Int32] = []
            for position in 0..<remaining.count {
                if validity.isValid(position) {
                    present.append(position)
                } else {
                    stillNull.append(remaining[position])
                }
            }
            if !present.isEmpty {
                pieces.append(SelectedValues(rows: present.map { remaining[$0] }, values: values.take(present)))
            }
            remaining = stillNull
        }
        return .column(SelectedValues.scatter(pieces, count: count, type: resultType))
    }

    /// `expression` at `rows` of the input (all of them when `rows` covers every row), as a
    /// column of `type`.
    static func evaluate(
        _ expression: PhysicalExpression, _ input: EvaluationInput, at rows: [Int32], as type: DataType,
        in context: PhysicalExpression
    ) throws -> Column {
        // Rows are ascending and distinct, so covering the count means covering every row.
        let restricted = rows.count == input.rowCount ? input : input.gathered(at: rows, for: expression)
        let datum = try cast(try evaluate(expression, restricted), to: type, in: context)
        return datum.materialized(count: rows.count)
    }
}

/// Values computed for some rows of a batch, to be put back in place.
struct SelectedValues {
    /// Ascending row numbers in the batch.
    let rows: [Int32]
    /// One value per entry of `rows`.
    let values: Column

    /// One column of `count` rows holding each piece's values at its rows; rows no piece
    /// covers are NULL. Pieces must not overlap.
    static func scatter(_ pieces: [SelectedValues], count: Int, type: DataType) -> Column {
        if pieces.count == 1, pieces[0].rows.count == count { return pieces[0].values }
        var validity = ValidityBitmap(count: count, allValid: false)
        for piece in pieces {
            for (position, row) in piece.rows.enumerated() where !piece.values.isNull(position) {
                validity.set(Int(row), valid: true)
            }
        }
        let values: ColumnValues
        switch type.storage {
        case .boolean: values = .boolean(scatterFixed(pieces, count: count, zero: false) { if case .boolean(let v) = $0 { v } else { nil } })
        case .int32: values = .int32(scatterFixed(pieces, count: count, zero: 0) { if case .int32(let v) = $0 { v } else { nil } })
        case .int64: values = .int64(scatterFixed(pieces, count: count, zero: 0) { if case .int64(let v) = $0 { v } else { nil } })
        case .int128: values = .int128(scatterFixed(pieces, count: count, zero: 0) { if case .int128(let v) = $0 { v } else { nil } })
        case .float64: values = .float64(scatterFixed(pieces, count: count, zero: 0) { if case .float64(let v) = $0 { v } else { nil } })
        case .bytes: values = .bytes(scatterBytes(pieces, count: count))
        }
        return Column.cleaned(type: type, values: values, validity: validity)
    }

    private static func scatterFixed<T>(
        _ pieces: [SelectedValues], count: Int, zero: T, _ extract: (ColumnValues) -> [T]?
    ) -> [T] {
        var output = [T](repeating: zero, count: count)
        for piece in pieces {
            guard let values = extract(piece.values.values) else { preconditionFailure("piece of another storage") }
            for (position, row) in piece.rows.enumerated() { output[Int(row)] = values[position] }
        }
        return output
    }

    /// Variable-width values must be appended in row order: find each row's piece first.
    private static func scatterBytes(_ pieces: [SelectedValues], count: Int) -> BinaryBuffer {
        var pieceOfRow = [Int32](repeating: -1, count: count)
        var positionOfRow = [Int32](repeating: 0, count: count)
        for (pieceIndex, piece) in pieces.enumerated() {
            for (position, row) in piece.rows.enumerated() {
                pieceOfRow[Int(row)] = Int32(pieceIndex)
                positionOfRow[Int(row)] = Int32(position)
            }
        }
        let buffers = pieces.map { piece -> BinaryBuffer in
            guard case .bytes(let buffer) = piece.values.values else { preconditionFailure("piece of another storage") }
            return buffer
        }
        var output = BinaryBuffer()
        output.reserve(values: count, bytes: buffers.reduce(0) { $0 + $1.bytes.count })
        for row in 0..<count {
            let pieceIndex = Int(pieceOfRow[row])
            if pieceIndex < 0 {
                output.appendEmpty()
                continue
            }
            let buffer = buffers[pieceIndex]
            buffer.bytes.withUnsafeBytes { bytes in
                output.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[buffer.byteRange(Int(positionOfRow[row]))]))
            }
        }
        return output
    }
}
