/// A function call: `upper(s)`, `count(*)`, `count(DISTINCT x)`,
/// `sum(x) FILTER (WHERE y)`, `rank() OVER (PARTITION BY a ORDER BY b)`.
public struct FunctionCall: Hashable, Sendable, CustomStringConvertible {
    /// The function's name; the parser lowercases unquoted names like any other.
    public var name: QualifiedName
    public var arguments: [Expression]
    /// Whether the argument list is `*`, as in `count(*)`; `arguments` is then empty.
    public var hasStarArgument: Bool
    /// `DISTINCT` before the arguments of an aggregate.
    public var isDistinct: Bool
    /// `FILTER (WHERE condition)` after an aggregate.
    public var filter: Expression?
    /// `OVER (...)`: present exactly when this is a window function call.
    public var window: WindowSpecification?
    public var range: SourceRange

    public init(
        name: QualifiedName, arguments: [Expression], hasStarArgument: Bool = false, isDistinct: Bool = false,
        filter: Expression? = nil, window: WindowSpecification? = nil, range: SourceRange = .unknown
    ) {
        self.name = name
        self.arguments = arguments
        self.hasStarArgument = hasStarArgument
        self.isDistinct = isDistinct
        self.filter = filter
        self.window = window
        self.range = range
    }

    public var description: String {
        var text = printedName + "("
        if isDistinct { text += "DISTINCT " }
        text += hasStarArgument ? "*" : SQLText.list(arguments)
        text += ")"
        if let filter { text += " FILTER (WHERE \(filter))" }
        if let window { text += " OVER (\(window))" }
        return text
    }

    /// Reserved words that are also function names (`left(s, 3)`) print bare: they are
    /// unambiguous before a parenthesis.
    private var printedName: String {
        if name.parts.count == 1, !name.name.isQuoted, Parser.reservedFunctionNames.contains(name.name.value) {
            return name.name.value
        }
        return name.description
    }
}
