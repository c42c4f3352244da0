/// A type as written in `CAST`, `::` or a column definition: `DECIMAL(15,2)`, `VARCHAR`,
/// `DOUBLE PRECISION`. The binder maps names to Sluice types; the parser accepts any name.
public struct DataTypeName: Hashable, Sendable, CustomStringConvertible {
    /// Lowercased, words separated by one space (`"double precision"`).
    public var name: String
    /// The numbers in parentheses: precision and scale, or length.
    public var parameters: [Int]
    public var range: SourceRange

    public init(_ name: String, parameters: [Int] = [], range: SourceRange = .unknown) {
        self.name = name
        self.parameters = parameters
        self.range = range
    }

    public var description: String {
        let upper = name.uppercased()
        guard !parameters.isEmpty else { return upper }
        return upper + "(" + parameters.map(String.init).joined(separator: ", ") + ")"
    }
}
