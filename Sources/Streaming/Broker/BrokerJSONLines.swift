import SluiceCore

/// The broker's JSON lines form of records (`application/x-ndjson`).
///
/// Produce: one object per line, `{"key": string|null, "value": <any JSON>, "timestamp": ms}`;
/// `key` and `timestamp` may be left out; the value is stored as its compact JSON text.
/// Fetch: one object per record, `{"offset": N, "timestamp": ms, "key": string|null, "value": V}`
/// where V is the stored value itself (compacted) when it is valid JSON, else the value as a JSON string.
/// Stateless; call from any thread.
public enum BrokerJSONLines {
    public static let contentType = "application/x-ndjson"

    /// Parses a produce body. Blank lines are skipped.
    /// - Parameter nowMillis: the timestamp of records that do not carry one.
    /// - Throws: `SluiceError.userInput` naming the line (1-based) of the first bad line.
    public static func decodeRecords(_ body: [UInt8], nowMillis: Int64) throws -> [LogRecord] {
        var records: [LogRecord] = []
        var lineNumber = 0
        var lineStart = 0
        while lineStart < body.count {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.count
            lineNumber += 1
            let line = body[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            records.append(try decodeRecord(line, lineNumber: lineNumber, nowMillis: nowMillis))
        }
        return records
    }

    private static func decodeRecord(_ line: ArraySlice<UInt8>, lineNumber: Int, nowMillis: Int64) throws -> LogRecord {
        let object: JSONObjectLine
        do {
            object = try JSONObjectLine(parsing: line)
        } catch {
            throw SluiceError.userInput("malformed JSON on line \(lineNumber): \(error)", at: SourceLocation(line: lineNumber, column: error.byteOffset + 1))
        }
        func fault(_ message: String, field: String) -> SluiceError {
            SluiceError.userInput("line \(lineNumber): \(message)", at: SourceLocation(line: lineNumber, field: field))
        }
        guard let value = object.member("value") else { throw fault("a record needs a \"value\"", field: "value") }
        var key: [UInt8]?
        if let member = object.member("key") {
            switch member.kind {
            case .null: key = nil
            case .string: key = Array(JSONText.unescapedString(object.compactValue(member)).utf8)
            default: throw fault("\"key\" must be a string or null", field: "key")
            }
        }
        var timestampMillis = nowMillis
        if let member = object.member("timestamp"), member.kind != .null {
            guard let timestamp = object.integer(member) else {
                throw fault("\"timestamp\" must be whole milliseconds since the epoch", field: "timestamp")
            }
            timestampMillis = timestamp
        }
        return LogRecord(timestampMillis: timestampMillis, key: key, value: Array(object.compactValue(value)))
    }

    /// Renders records as JSON lines, one per record.
    public static func encode(_ records: [StoredRecord]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(records.reduce(0) { $0 + 64 + ($1.key?.count ?? 0) + $1.value.count })
        for record in records {
            output.append(contentsOf: Array("{\"offset\":\(record.offset),\"timestamp\":\(record.timestampMillis),\"key\":".utf8))
            if let key = record.key {
                JSONText.appendQuoted(key, to: &output)
            } else {
                output.append(contentsOf: Array("null".utf8))
            }
            output.append(contentsOf: Array(",\"value\":".utf8))
            // Compacted, so a value holding line breaks between tokens stays on its line.
            if let json = JSONText.compacted(record.value[...]) {
                output.append(contentsOf: json)
            } else {
                JSONText.appendQuoted(record.value, to: &output)
            }
            output.append(contentsOf: Array("}\n".utf8))
        }
        return output
    }
}
