import Foundation
import SluiceCore

/// One line of a commit file: a single-key JSON object naming the action. Unknown actions
/// (`cdc`, `domainMetadata`, ...) are kept as `other` and otherwise ignored, as the protocol asks.
public enum DeltaAction: Sendable, Equatable {
    case protocolVersions(ProtocolAction)
    case metadata(MetadataAction)
    case add(AddFile)
    case remove(RemoveFile)
    case transaction(TransactionAction)
    case commitInfo(CommitInfo)
    case other(name: String)

    private enum Key: String, CodingKey {
        case `protocol`, metaData, add, remove, txn, commitInfo
    }

    /// Parses one line of a commit file.
    /// - Throws: `SluiceError` (data) when the line is not a JSON object holding one action.
    public init(line: String) throws {
        let data = Data(line.utf8)
        let decoder = JSONDecoder()
        do {
            let keys = try decoder.decode([String: JSONValue].self, from: data).keys
            guard keys.count == 1, let name = keys.first else {
                throw SluiceError.data("a log line must hold exactly one action, found \(keys.sorted())")
            }
            switch name {
            case Key.protocol.rawValue: self = .protocolVersions(try decoder.decode([String: ProtocolAction].self, from: data)[name]!)
            case Key.metaData.rawValue: self = .metadata(try decoder.decode([String: MetadataAction].self, from: data)[name]!)
            case Key.add.rawValue: self = .add(try decoder.decode([String: AddFile].self, from: data)[name]!)
            case Key.remove.rawValue: self = .remove(try decoder.decode([String: RemoveFile].self, from: data)[name]!)
            case Key.txn.rawValue: self = .transaction(try decoder.decode([String: TransactionAction].self, from: data)[name]!)
            case Key.commitInfo.rawValue: self = .commitInfo(try decoder.decode([String: CommitInfo].self, from: data)[name]!)
            default: self = .other(name: name)
            }
        } catch let error as SluiceError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw SluiceError.data("action is missing '\((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SluiceError.data("action field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw SluiceError.data("not a JSON action: \(line.prefix(80))")
        }
    }

    /// The action as one line of a commit file (no newline).
    public func line() throws -> String {
        switch self {
        case .protocolVersions(let action): return try LogJSON.encode([Key.protocol.rawValue: action])
        case .metadata(let action): return try LogJSON.encode([Key.metaData.rawValue: action])
        case .add(let action): return try LogJSON.encode([Key.add.rawValue: action])
        case .remove(let action): return try LogJSON.encode([Key.remove.rawValue: action])
        case .transaction(let action): return try LogJSON.encode([Key.txn.rawValue: action])
        case .commitInfo(let action): return try LogJSON.encode([Key.commitInfo.rawValue: action])
        case .other(let name): throw SluiceError.internal("cannot write unknown action '\(name)'")
        }
    }
}
