import Foundation
import SluiceCore

/// The runs `sluice submit` made on this machine: a JSON-lines file `history.jsonl` in the Sluice
/// home folder (`$SLUICE_HOME`, else `~/.sluice`), one record appended per run, oldest first.
///
/// Threading: appends are single `write` calls on a file opened for appending, so concurrent
/// submits do not interleave their lines.
struct JobHistory {
    let folder: String

    var filePath: String { folder + "/history.jsonl" }

    init(folder: String) {
        self.folder = folder
    }

    /// The history of the Sluice home folder the environment names.
    static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> JobHistory {
        if let home = environment["SLUICE_HOME"], !home.isEmpty { return JobHistory(folder: home) }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return JobHistory(folder: userHome + "/.sluice")
    }

    /// Appends `record`, creating the folder when needed.
    ///
    /// - Throws: `SluiceError.io` when the folder or file cannot be written.
    func append(_ record: JobRunRecord) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SluiceError.io("cannot create the Sluice home folder \(folder): \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(record)
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(filePath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SluiceError.io("cannot open the job history \(filePath): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else { throw SluiceError.io("cannot write the job history \(filePath): \(String(cString: strerror(errno)))") }
    }

    /// Every run, newest first; no file means no runs. A line that does not parse (a run cut
    /// off mid-write) is left out.
    func records() throws -> [JobRunRecord] {
        guard FileManager.default.fileExists(atPath: filePath) else { return [] }
        guard let data = FileManager.default.contents(atPath: filePath) else {
            throw SluiceError.io("cannot read the job history \(filePath)")
        }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(JobRunRecord.self, from: Data($0)) }.reversed()
    }

    /// The run with id `id` or the only run whose id starts with it; the newest run when nil.
    ///
    /// - Throws: `SluiceError.userInput` when no run (or more than one) matches.
    func record(id: String?) throws -> JobRunRecord {
        let all = try records()
        guard let id else {
            guard let newest = all.first else { throw SluiceError.userInput("no jobs submitted yet (history: \(filePath))") }
            return newest
        }
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let matches = all.filter { $0.id.hasPrefix(id) }
        guard matches.count == 1 else {
            throw SluiceError.userInput(matches.isEmpty ? "no job run '\(id)' in \(filePath)" : "'\(id)' matches \(matches.count) runs; give more of the id")
        }
        return matches[0]
    }

    /// A new run id for a run started at `startMillis` (Unix time, UTC).
    static func newRunId(startMillis: Int64) -> String {
        let timestamp = CivilTime.formatISOTimestamp(micros: startMillis * 1000, fractionDigits: 0)
        let digits = timestamp.filter { $0.isNumber }.prefix(14)
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return "\(digits.prefix(8))-\(digits.dropFirst(8))-\(String(repeating: "0", count: 4 - suffix.count))\(suffix)"
    }
}
