/// A location as a user writes it: a bare path (`data/x.parquet`, `/tmp/x`), a `file://` URI,
/// or a `dfs://HOST:PORT/path` URI for the block store.
public struct FileURI: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case file
        case dfs
    }

    public var scheme: Scheme
    /// `HOST:PORT` for `dfs`, nil for local files.
    public var authority: String?
    /// An absolute path within the file system.
    public var path: String

    public init(scheme: Scheme, authority: String? = nil, path: String) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
    }

    /// Parses a user's text. Relative bare paths are made absolute against
    /// `workingDirectory`.
    /// - Throws: `SluiceError` (user input) for an unknown scheme or a `dfs` URI without host.
    public init(parsing text: String, workingDirectory: String) throws {
        if let separator = FileURI.schemeSeparator(in: text) {
            let schemeText = text[..<separator.lowerBound].lowercased()
            let rest = text[separator.upperBound...]
            guard let scheme = Scheme(rawValue: schemeText) else {
                throw SluiceError.userInput("unknown scheme '\(schemeText)' in '\(text)'; use file:// or dfs://")
            }
            switch scheme {
            case .file:
                guard rest.hasPrefix("/") else {
                    throw SluiceError.userInput("'\(text)' needs an absolute path, as in file:///data/x.parquet")
                }
                self.init(scheme: .file, path: FileURI.normalize(String(rest)))
            case .dfs:
                let slash = rest.firstIndex(of: "/") ?? rest.endIndex
                let authority = String(rest[..<slash])
                guard !authority.isEmpty else {
                    throw SluiceError.userInput("'\(text)' names no namenode; write dfs://HOST:PORT/path")
                }
                let path = slash == rest.endIndex ? "/" : String(rest[slash...])
                self.init(scheme: .dfs, authority: authority, path: FileURI.normalize(path))
            }
        } else {
            let absolute = text.hasPrefix("/") ? text : workingDirectory + "/" + text
            self.init(scheme: .file, path: FileURI.normalize(absolute))
        }
    }

    private static func schemeSeparator(in text: String) -> Range<String.Index>? {
        var index = text.startIndex
        // RFC 3986: a letter, then letters, digits, "+", "-" or ".".
        while index < text.endIndex {
            let character = text[index]
            let allowed = character.isASCII && (character.isLetter
                || (index > text.startIndex && (character.isNumber || "+-.".contains(character))))
            guard allowed else { break }
            index = text.index(after: index)
        }
        guard index > text.startIndex, text[index...].hasPrefix("://") else { return nil }
        return index..<text.index(index, offsetBy: 3)
    }

    /// Removes `.` and empty components and resolves `..`; keeps a leading `/`.
    public static func normalize(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if !components.isEmpty { components.removeLast() }
                continue
            }
            components.append(component)
        }
        return "/" + components.joined(separator: "/")
    }

    public var description: String {
        switch scheme {
        case .file: path
        case .dfs: "dfs://\(authority ?? "")\(path)"
        }
    }
}
