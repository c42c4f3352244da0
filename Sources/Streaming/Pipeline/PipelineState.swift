import Foundation
import SluiceCore

/// What a pipeline remembers between runs, in `_pipelines/<name>/state.json`: the generation
/// readers are switched to and every generation made. Written atomically (temporary file,
/// then rename); only the process running the pipeline writes it.
struct PipelineState: Codable, Equatable {
    /// The generation the views select from; 0 before the first.
    var currentGeneration: Int = 0
    var generations: [PipelineGenerationRecord] = []

    func record(_ number: Int) -> PipelineGenerationRecord? {
        generations.first { $0.number == number }
    }

    var nextGenerationNumber: Int { (generations.map(\.number).max() ?? 0) + 1 }

    static func read(_ fileSystem: any FileSystem, _ path: String) throws -> PipelineState {
        guard fileSystem.exists(path) else { return PipelineState() }
        return try PipelineFiles.decode(PipelineState.self, from: fileSystem.readAll(path), path: path)
    }

    func write(_ fileSystem: any FileSystem, _ path: String) throws {
        try PipelineFiles.writeAtomically(fileSystem, path, try PipelineFiles.json(self))
    }
}

/// One generation of a pipeline: where its source started and, for lambda, what its batch
/// view covers.
struct PipelineGenerationRecord: Codable, Equatable {
    var number: Int
    /// Per source partition, the offset the generation's stream queries start at (lambda: the
    /// cut; kappa: the topic's start when the generation was made).
    var startOffsets: [Int64]
    /// Lambda: the master dataset's version the batch view was computed from.
    var masterVersion: Int64?
    var createdMillis: Int64
    /// When readers were switched to it; nil while it is being built.
    var switchedMillis: Int64?
}

/// Small file helpers the pipeline state shares.
enum PipelineFiles {
    static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw SluiceError.data("not a readable pipeline file: \(error)", at: SourceLocation(file: path))
        }
    }

    /// Writes `bytes` to a hidden file beside `path`, then renames it over `path`.
    static func writeAtomically(_ fileSystem: any FileSystem, _ path: String, _ bytes: [UInt8]) throws {
        let slash = path.lastIndex(of: "/") ?? path.startIndex
        let folder = String(path[..<slash])
        let staging = folder + "/." + path[path.index(after: slash)...] + ".tmp"
        try fileSystem.makeDirectories(folder)
        try fileSystem.write(bytes, to: staging, overwrite: true)
        if fileSystem.exists(path) { try fileSystem.delete(path, recursive: false) }
        try fileSystem.rename(from: staging, to: path)
    }
}
