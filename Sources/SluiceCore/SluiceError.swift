/// The error every Sluice layer throws. It says whose fault the failure is, so the CLI can pick
/// an exit code and the user knows whether to fix the command, the data, or the machine.
public struct SluiceError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Whose fault a failure is.
    public enum Fault: String, Sendable {
        /// The command, query or arguments are wrong: fix the request.
        case userInput = "error"
        /// The data is malformed or corrupt: fix or replace the file.
        case data = "data error"
        /// The disk or network failed.
        case io = "I/O error"
        /// A bug in Sluice: unreachable from any input.
        case `internal` = "internal error"
    }

    /// A condition callers react to in code (retry, skip), beyond whose fault it is.
    public enum Condition: String, Sendable {
        /// Creating something that must not exist yet found it there (a lost commit race).
        case alreadyExists
        /// The path, table or version asked for does not exist.
        case notFound
        /// A concurrent commit changed what this one read; retrying blindly would be wrong.
        case commitConflict
    }

    public var fault: Fault
    public var message: String
    /// Set when the failure is one of the conditions callers handle specially.
    public var condition: Condition?
    /// Where in the input the problem is (file, byte offset, line, column, field), when known.
    public var location: SourceLocation?

    public init(_ fault: Fault, _ message: String, at location: SourceLocation? = nil, condition: Condition? = nil) {
        self.fault = fault
        self.message = message
        self.location = location
        self.condition = condition
    }

    public static func userInput(_ message: String, at location: SourceLocation? = nil) -> SluiceError {
        SluiceError(.userInput, message, at: location)
    }

    public static func data(_ message: String, at location: SourceLocation? = nil) -> SluiceError {
        SluiceError(.data, message, at: location)
    }

    public static func io(_ message: String, at location: SourceLocation? = nil) -> SluiceError {
        SluiceError(.io, message, at: location)
    }

    public static func `internal`(_ message: String) -> SluiceError {
        SluiceError(.internal, message)
    }

    /// The same error with a location filled in where it had none, or with the file named when
    /// the location knew only the offset.
    public func located(_ fallback: SourceLocation) -> SluiceError {
        var copy = self
        if var existing = copy.location {
            if existing.file == nil { existing.file = fallback.file }
            copy.location = existing
        } else {
            copy.location = fallback
        }
        return copy
    }

    public var description: String {
        if let location {
            return "\(fault.rawValue): \(location): \(message)"
        }
        return "\(fault.rawValue): \(message)"
    }
}

/// A place in an input: a file plus any of byte offset, line and column (1-based), field name.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var byteOffset: Int?
    public var line: Int?
    public var column: Int?
    public var field: String?

    public init(file: String? = nil, byteOffset: Int? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.byteOffset = byteOffset
        self.line = line
        self.column = column
        self.field = field
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let line {
            parts.append(column.map { "line \(line), column \($0)" } ?? "line \(line)")
        } else if let column {
            parts.append("column \(column)")
        }
        if let byteOffset { parts.append("byte offset \(byteOffset)") }
        if let field { parts.append("field '\(field)'") }
        return parts.joined(separator: ", ")
    }
}
