/// The operator tree as text for `EXPLAIN`: one operator per line, inputs indented below it;
/// with `EXPLAIN ANALYZE`, each line ends with the operator's rows and time.
enum PlanExplanation {
    static func lines(_ stream: any BatchStream) -> [String] {
        var lines: [String] = []
        append(stream, depth: 0, to: &lines)
        return lines
    }

    private static func append(_ stream: any BatchStream, depth: Int, to lines: inout [String]) {
        var line = String(repeating: "  ", count: depth) + stream.operatorName
        if !stream.operatorDetails.isEmpty { line += " " + stream.operatorDetails }
        if let profiled = stream as? ProfiledStream { line += "  (\(profiled.summary))" }
        lines.append(line)
        for input in stream.inputs { append(input, depth: depth + 1, to: &lines) }
    }
}
