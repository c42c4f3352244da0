extension Parser {
    /// A type name with optional numeric parameters: `INTEGER`, `DECIMAL(15, 2)`, `VARCHAR(25)`,
    /// `DOUBLE PRECISION`, `TIMESTAMP WITH TIME ZONE`.
    mutating func parseDataType() throws(SQLSyntaxError) -> DataTypeName {
        let start = current.range.start
        guard current.kind == .word, !(current.keyword?.isReserved ?? false) else {
            throw unexpected(expected: "a type name")
        }
        var name = advance().value
        switch name {
        case "double" where current.value == "precision" && current.kind == .word:
            advance()
            name = "double precision"
        case "character" where current.value == "varying" && current.kind == .word:
            advance()
            name = "character varying"
        case "timestamp", "time":
            if consumeKeyword(.with) {
                try expectWords("time", "zone")
                name += " with time zone"
            } else if current.kind == .word, current.value == "without" {
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
                guard current.kind == .integer, let parameter = Int(current.value) else {
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
            guard current.kind == .word, current.value == word else {
                throw unexpected(expected: word.uppercased())
            }
            advance()
        }
    }
}
