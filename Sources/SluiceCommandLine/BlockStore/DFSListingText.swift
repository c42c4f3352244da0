import BlockStore
import Foundation

/// How `-ls` and `-stat` print an entry, as Hadoop's shell does.
enum DFSListingText {
    /// `drwxr-xr-x   - alice supergroup          0 2026-11-26 22:21 /tmp`
    static func line(_ status: WebHDFSFileStatus, path: String) -> String {
        let mode = modeText(status)
        let replication = status.isDirectory ? "-" : String(status.replication)
        let size = String(status.length)
        return "\(mode) \(pad(replication, 3)) \(status.owner) \(status.group) \(pad(size, 10)) \(date(status.modificationTime, seconds: false)) \(path)"
    }

    static func stat(_ status: WebHDFSFileStatus, path: String, format: String) -> String {
        var text = ""
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%", let code = characters.next() else {
                text.append(character)
                continue
            }
            switch code {
            case "b": text += String(status.length)
            case "F": text += status.isDirectory ? "directory" : (status.length == 0 ? "regular empty file" : "regular file")
            case "g": text += status.group
            case "u": text += status.owner
            case "n": text += path.split(separator: "/").last.map(String.init) ?? "/"
            case "o": text += String(status.blockSize)
            case "r": text += String(status.replication)
            case "y": text += date(status.modificationTime, seconds: true)
            case "Y": text += String(status.modificationTime)
            case "a": text += status.permission
            case "A": text += String(modeText(status).dropFirst())
            default: text += "%" + String(code)
            }
        }
        return text
    }

    static func modeText(_ status: WebHDFSFileStatus) -> String {
        let bits = status.permissionBits
        var text = status.isDirectory ? "d" : "-"
        for shift in [6, 3, 0] {
            let triple = (bits >> UInt16(shift)) & 7
            text += triple & 4 != 0 ? "r" : "-"
            text += triple & 2 != 0 ? "w" : "-"
            let execute = triple & 1 != 0
            if shift == 0 && bits & 0o1000 != 0 {
                text += execute ? "t" : "T"
            } else {
                text += execute ? "x" : "-"
            }
        }
        return text
    }

    private static func date(_ millis: Int64, seconds: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
