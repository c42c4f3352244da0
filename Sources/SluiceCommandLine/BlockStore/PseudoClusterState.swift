import Foundation
import SluiceCore

/// What `sluice cluster start` leaves behind for `status`, `stop` and for commands that need the
/// namenode's, the coordinator's or the broker's address: the processes it started and where they listen. Kept as JSON in the
/// cluster folder, with a pointer in `~/.sluice/pseudo-cluster` to the running cluster.
struct PseudoClusterState: Codable {
    struct Member: Codable {
        var role: String
        var processID: Int32
        var address: String
        var directory: String
        var logFile: String
    }

    var directory: String
    var namenodeAddress: String
    var members: [Member]
    /// The job coordinator's `HOST:PORT`; nil for clusters started without one.
    var coordinatorAddress: String?
    /// The stream log broker's `HOST:PORT`; nil for clusters started without one.
    var brokerAddress: String?

    static let fileName = "cluster.json"

    static var pointerPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.sluice/pseudo-cluster"
    }

    static func defaultDirectory() -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.sluice/cluster"
    }

    func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try LocalFileSystem().write(Array(try encoder.encode(self)), to: directory + "/" + Self.fileName, overwrite: true)
        try FileManager.default.createDirectory(
            atPath: (Self.pointerPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try LocalFileSystem().write(Array((directory + "\n").utf8), to: Self.pointerPath, overwrite: true)
    }

    /// The cluster in `directory`, or the running one the pointer names.
    static func load(directory: String?) throws -> PseudoClusterState {
        var folder = directory
        if folder == nil, let pointer = try? LocalFileSystem().readAll(pointerPath) {
            folder = String(decoding: pointer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let folder, let data = try? LocalFileSystem().readAll(folder + "/" + fileName) else {
            throw SluiceError.userInput("no pseudo cluster is running; start one with `sluice cluster start`")
        }
        do {
            return try JSONDecoder().decode(PseudoClusterState.self, from: Data(data))
        } catch {
            throw SluiceError.data("cannot read the cluster state: \(error)", at: SourceLocation(file: folder + "/" + fileName))
        }
    }

    static func removePointer() {
        try? FileManager.default.removeItem(atPath: pointerPath)
    }
}
