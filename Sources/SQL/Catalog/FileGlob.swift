import SluiceCore

/// Expands a path pattern into the files it names: `*` matches any run of characters within a
/// path component, `?` one character, `[abc]` / `[a-z]` / `[!a]` a character set, and a whole
/// component `**` any number of folders (zero included).
enum FileGlob {
    /// Whether `path` holds a wildcard.
    static func isPattern(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The files (not folders) matching an absolute `pattern`, sorted by path. A path without
    /// wildcards names itself when it is a file.
    /// - Throws: `SluiceError` (I/O) when a folder cannot be listed.
    static func expand(_ pattern: String, in fileSystem: any FileSystem) throws -> [String] {
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let firstWild = components.firstIndex(where: isPattern) else {
            guard let status = try? fileSystem.status(pattern), !status.isDirectory else { return [] }
            return [pattern]
        }
        let base = "/" + components[..<firstWild].joined(separator: "/")
        var found: [String] = []
        try walk(base, components[firstWild...], fileSystem, &found)
        return Array(Set(found)).sorted()
    }

    private static func walk(_ folder: String, _ rest: ArraySlice<String>, _ fileSystem: any FileSystem,
                             _ found: inout [String]) throws {
        guard let component = rest.first else { return }
        guard let status = try? fileSystem.status(folder), status.isDirectory else { return }
        let entries = try fileSystem.list(folder)
        let remaining = rest.dropFirst()
        if component == "**" {
            // Zero folders, then one more level of folders for each child.
            try walk(folder, remaining, fileSystem, &found)
            for entry in entries where entry.isDirectory && !entry.name.hasPrefix(".") {
                try walk(entry.path, rest, fileSystem, &found)
            }
            return
        }
        for entry in entries where matches(entry.name, component) {
            // Hidden files match only a pattern that names the dot (as shells do).
            if entry.name.hasPrefix("."), !component.hasPrefix(".") { continue }
            if remaining.isEmpty {
                if !entry.isDirectory { found.append(entry.path) }
            } else if entry.isDirectory {
                try walk(entry.path, remaining, fileSystem, &found)
            }
        }
    }

    /// Whether one path component matches one pattern component.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        let nameCharacters = Array(name)
        let patternCharacters = Array(pattern)
        return matches(nameCharacters[...], patternCharacters[...])
    }

    private static func matches(_ name: ArraySlice<Character>, _ pattern: ArraySlice<Character>) -> Bool {
        var name = name
        var pattern = pattern
        while let head = pattern.first {
            switch head {
            case "*":
                let rest = pattern.dropFirst()
                if rest.isEmpty { return true }
                var suffix = name
                while true {
                    if matches(suffix, rest) { return true }
                    guard !suffix.isEmpty else { return false }
                    suffix = suffix.dropFirst()
                }
            case "?":
                guard !name.isEmpty else { return false }
                name = name.dropFirst()
                pattern = pattern.dropFirst()
            case "[":
                guard let character = name.first, let (isMember, afterSet) = characterSet(pattern, contains: character),
                      isMember else { return false }
                name = name.dropFirst()
                pattern = afterSet
            default:
                guard name.first == head else { return false }
                name = name.dropFirst()
                pattern = pattern.dropFirst()
            }
        }
        return name.isEmpty
    }

    /// Whether the `[...]` set at the start of `pattern` holds `character`, and the pattern
    /// after the set; nil for an unclosed set (then `[` is never matched).
    private static func characterSet(_ pattern: ArraySlice<Character>, contains character: Character)
        -> (Bool, ArraySlice<Character>)? {
        var index = pattern.index(after: pattern.startIndex)
        var negated = false
        if index < pattern.endIndex, pattern[index] == "!" || pattern[index] == "^" {
            negated = true
            index += 1
        }
        var isMember = false
        var first = true
        while index < pattern.endIndex {
            let current = pattern[index]
            if current == "]", !first { return (isMember != negated, pattern[(index + 1)...]) }
            first = false
            if index + 2 < pattern.endIndex, pattern[index + 1] == "-", pattern[index + 2] != "]" {
                if current <= character && character <= pattern[index + 2] { isMember = true }
                index += 3
            } else {
                if current == character { isMember = true }
                index += 1
            }
        }
        return nil
    }
}
