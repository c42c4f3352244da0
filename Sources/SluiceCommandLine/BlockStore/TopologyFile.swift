import SluiceCore

/// Reads the rack topology setting: one `HOST[:PORT] /rack` pair per line, `#` comments.
enum TopologyFile {
    static func read(_ path: String) throws -> [String: String] {
        let text = String(decoding: try LocalFileSystem().readAll(path), as: UTF8.self)
        var racks: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            guard fields.count == 2, fields[1].hasPrefix("/") else {
                throw SluiceError.userInput(
                    "expected 'HOST[:PORT] /rack'", at: SourceLocation(file: path, line: index + 1))
            }
            racks[String(fields[0])] = String(fields[1])
        }
        return racks
    }
}
