import SluiceCore
#if canImport(Glibc)
import Glibc
#endif

/// The shell's history file (`~/.sluice_history`): one entry per line, appended as statements
/// run, loaded when the shell starts. An entry's line breaks are written as `\n` and its
/// backslashes as `\\`, so a statement typed over several lines stays one entry.
///
/// History is a convenience: a file that cannot be read or written is skipped silently.
struct ShellHistory: Sendable {
    /// Entries loaded at most; older ones stay in the file but are not recalled.
    static let entryCountMax = 1000

    let path: String

    /// `~/.sluice_history`, or nil when `HOME` is not set.
    static func defaultPath(home: String? = getenv("HOME").map { String(cString: $0) }) -> String? {
        guard let home, !home.isEmpty else { return nil }
        return (home.hasSuffix("/") ? home : home + "/") + ".sluice_history"
    }

    /// The newest `entryCountMax` entries, oldest first; empty when the file is missing.
    func load() -> [String] {
        guard let bytes = try? LocalFileSystem().readAll(path) else { return [] }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        return lines.suffix(ShellHistory.entryCountMax).map { ShellHistory.decode(String(decoding: $0, as: UTF8.self)) }
    }

    /// Adds `entry` at the end of the file, creating it (readable by its owner only: statements
    /// can hold data) when missing.
    func append(_ entry: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        writeAll(Array((ShellHistory.encode(entry) + "\n").utf8), to: descriptor)
    }

    static func encode(_ entry: String) -> String {
        var line = ""
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default: line.unicodeScalars.append(scalar)
            }
        }
        return line
    }

    static func decode(_ line: String) -> String {
        var entry = ""
        var isEscaped = false
        for scalar in line.unicodeScalars {
            if isEscaped {
                switch scalar {
                case "n": entry += "\n"
                case "r": entry += "\r"
                default: entry.unicodeScalars.append(scalar)
                }
                isEscaped = false
            } else if scalar == "\\" {
                isEscaped = true
            } else {
                entry.unicodeScalars.append(scalar)
            }
        }
        return entry
    }
}
