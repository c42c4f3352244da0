import SluiceCore

/// A shell command that starts with a dot instead of being SQL: `.tables`, `.schema [NAME]`,
/// `.timer on|off`, `.mode FORMAT`, `.help`, `.quit` (or `.exit`).
enum DotCommand: Equatable, Sendable {
    case tables
    /// One table's columns, or every table's when nil.
    case schema(table: String?)
    case timer(isOn: Bool)
    case mode(OutputFormat)
    case help
    case quit

    /// The text `.help` prints.
    static let helpText = """
        Statements end with ';' and may span lines. Commands:
          .tables            list the tables
          .schema [NAME]     show a table's columns and types (every table's without NAME)
          .timer on|off      print how long each statement takes
          .mode FORMAT       print results as table, csv, json (JSON lines) or markdown
          .help              show this text
          .quit              leave (also .exit, or Ctrl-D)

        """

    /// Parses one input line that starts with `.`.
    /// - Throws: `SluiceError` (user input) for an unknown command or wrong arguments, saying
    ///   what is accepted.
    static func parse(_ line: String) throws -> DotCommand {
        let words = line.trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { throw SluiceError.userInput("empty command; .help lists the commands") }
        let arguments = Array(words.dropFirst())
        func expectArguments(_ range: ClosedRange<Int>, usage: String) throws {
            guard range.contains(arguments.count) else { throw SluiceError.userInput("usage: \(usage)") }
        }
        switch name.lowercased() {
        case ".tables":
            try expectArguments(0...0, usage: ".tables")
            return .tables
        case ".schema":
            // The name is the rest of the line, so a quoted name may hold spaces.
            let rest = line.trimmed.dropFirst(name.count).trimmed
            if rest.isEmpty { return .schema(table: nil) }
            if rest.count >= 2, rest.hasPrefix("\""), rest.hasSuffix("\"") { return .schema(table: unquoted(rest)) }
            try expectArguments(1...1, usage: ".schema [NAME]")
            return .schema(table: rest)
        case ".timer":
            try expectArguments(1...1, usage: ".timer on|off")
            switch arguments[0].lowercased() {
            case "on": return .timer(isOn: true)
            case "off": return .timer(isOn: false)
            default: throw SluiceError.userInput("usage: .timer on|off")
            }
        case ".mode":
            let formats = OutputFormat.allCases.map(\.rawValue).joined(separator: "|")
            try expectArguments(1...1, usage: ".mode \(formats)")
            guard let format = OutputFormat(rawValue: arguments[0].lowercased()) else {
                throw SluiceError.userInput("unknown mode '\(arguments[0])'; use one of \(formats)")
            }
            return .mode(format)
        case ".help":
            return .help
        case ".quit", ".exit":
            return .quit
        default:
            throw SluiceError.userInput("unknown command '\(name)'; .help lists the commands")
        }
    }

    /// A name written in double quotes, as in SQL, without them.
    private static func unquoted(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        return String(name.dropFirst().dropLast()).replacingDoubledQuotes()
    }
}

extension String {
    fileprivate func replacingDoubledQuotes() -> String {
        var result = ""
        var previousWasQuote = false
        for character in self {
            if character == "\"", previousWasQuote {
                previousWasQuote = false
                continue
            }
            previousWasQuote = character == "\""
            result.append(character)
        }
        return result
    }
}
