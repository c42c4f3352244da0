extension Parser {
    /// A type name with optional numeric parameters: `INTEGER`, `DECIMAL(15, 2)`, `VARCHAR(25)`,
    /// `DOUBLE PRECISION`, `TIMESTAMP WITH TIME ZONE`.
    mutating func parseDataType() throws(SQLSyntaxError) -> DataTypeName {
        let start = currentStart
        guard currentKind == .word, !(currentKeyword?.isReserved ?? false) else {
            throw unexpected(expected: "a type name")
        }
        var name = take().value
        switch name {
        case "double" where currentValue == "precision" && currentKind == .word:
            advance()
            name = "double precision"
        case "character" where currentValue == "varying" && currentKind == .word:
            advance()
            name = "character varying"
        case "timestamp", "time":
            if consumeKeyword(.with) {
                try expectWords("time", "zone")
                name += " with time zone"
            } else if currentKind == .word, currentValue == "without" {
                advance()
                try expectWords("time", "zone")
                name += " without time zone"
            }
        default:
            break
        }
        var parameters: [Int] = []
        if consumeSymbol("(") {
            repeat {
                guard currentKind == .integer, let parameter = Int(currentValue) else {
                    throw unexpected(expected: "an integer type parameter")
                }
                advance()
                parameters.append(parameter)
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        return DataTypeName(name, parameters: parameters, range: range(from: start))
    }

    /// Unreserved words the grammar needs only here, matched by spelling.
    private mutating func expectWords(_ words: String...) throws(SQLSyntaxError) {
        for word in words {
            guard currentKind == .word, currentValue == word else {
                throw unexpected(expected: word.uppercased())
            }
            advance()
        }
    }
}
