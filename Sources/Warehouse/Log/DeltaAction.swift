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
        do {
            // One pass: the key is looked at without decoding its value, and only the action's
            // own type decodes the value (replaying a log parses every line of every commit).
            self = try JSONDecoder().decode(Envelope.self, from: Data(line.utf8)).action
        } catch let error as SluiceError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw SluiceError.data("action is missing '\((context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw SluiceError.data("not a JSON action (a line must be an object): \(line.prefix(80))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SluiceError.data("action field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw SluiceError.data("not a JSON action: \(line.prefix(80))")
        }
    }

    /// A line's single-key object, decoded straight into the action its key names.
    private struct Envelope: Decodable {
        let action: DeltaAction

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: ActionName.self)
            let keys = container.allKeys
            guard keys.count == 1, let key = keys.first else {
                throw SluiceError.data("a log line must hold exactly one action, found \(keys.map(\.stringValue).sorted())")
            }
            switch key.stringValue {
            case Key.protocol.rawValue: action = .protocolVersions(try container.decode(ProtocolAction.self, forKey: key))
            case Key.metaData.rawValue: action = .metadata(try container.decode(MetadataAction.self, forKey: key))
            case Key.add.rawValue: action = .add(try container.decode(AddFile.self, forKey: key))
            case Key.remove.rawValue: action = .remove(try container.decode(RemoveFile.self, forKey: key))
            case Key.txn.rawValue: action = .transaction(try container.decode(TransactionAction.self, forKey: key))
            case Key.commitInfo.rawValue: action = .commitInfo(try container.decode(CommitInfo.self, forKey: key))
            default: action = .other(name: key.stringValue)
            }
        }
    }

    /// Any key: the action names a line may hold, known or not.
    private struct ActionName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
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
