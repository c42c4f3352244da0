/// A record whose outcome was not the expected one.
struct SLTFailure: Sendable, CustomStringConvertible {
    var fileName: String
    /// The record's first line in the file, 1-based.
    var line: Int
    var message: String
    var sql: String

    var description: String { "\(fileName):\(line): \(message)\n\(sql)" }
}
