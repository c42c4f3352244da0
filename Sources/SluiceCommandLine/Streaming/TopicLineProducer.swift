import SluiceCore
import Streaming

/// Sends JSON lines to a topic in batches: each line is one record whose value is the line
/// (compacted), whose key is one field's text and whose timestamp is one field's milliseconds.
///
/// Lines are sent in order; at a bad line the records before it are sent, nothing after it.
/// Value type; one producer per input.
struct TopicLineProducer {
    let log: any TopicLog
    let topic: String
    /// The field whose value (as text) is the record's key; nil for unkeyed records.
    var keyField: String?
    /// The field holding the event time in milliseconds since the epoch; nil to use the clock.
    var timestampField: String?
    /// Send a line that is not a JSON object as it is (no key, the clock's time) instead of
    /// stopping there, so a pipeline downstream can send it to its dead-letter topic.
    var sendsMalformedLines = false
    var batchRecordCountMax = 4096
    var batchBytesMax = 4 << 20
    var clock: any WallClock = SystemWallClock()

    /// What a run sent.
    struct Summary: Equatable {
        var recordCount = 0
        /// The partitions that received records.
        var partitions: Set<Int> = []
        /// Lines that were not JSON objects, sent as they are.
        var malformedLineCount = 0
    }

    /// A failure after `sent` records had been sent.
    struct Failure: Error {
        var error: SluiceError
        var sent: Summary
    }

    /// Reads every line of `input` and sends it.
    /// - Parameter inputName: the file named in errors (`standard input` for stdin).
    /// - Throws: `Failure` carrying the error (naming the line for a bad one) and what was sent.
    func run(_ input: inout some LineSource, inputName: String) throws(Failure) -> Summary {
        var summary = Summary()
        var batch: [LogRecord] = []
        var batchBytes = 0
        var lineNumber = 0
        func flush() throws(Failure) {
            guard !batch.isEmpty else { return }
            do {
                let positions = try log.produce(topic: topic, records: batch)
                summary.recordCount += positions.count
                for position in positions { summary.partitions.insert(position.partition) }
            } catch {
                throw Failure(error: error as? SluiceError ?? SluiceError.io("\(error)"), sent: summary)
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        while true {
            let line: ArraySlice<UInt8>?
            do {
                line = try input.nextLine()
            } catch {
                try flush()
                throw Failure(error: error as? SluiceError ?? SluiceError.io("\(error)"), sent: summary)
            }
            guard let line else { break }
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let record: LogRecord
            do {
                record = try self.record(line, lineNumber: lineNumber, inputName: inputName)
            } catch let error where sendsMalformedLines && error.message.hasPrefix("malformed JSON") {
                record = LogRecord(timestampMillis: clock.nowMillis(), value: Array(line))
                summary.malformedLineCount += 1
            } catch {
                try flush()
                throw Failure(error: error, sent: summary)
            }
            batch.append(record)
            batchBytes += record.value.count + (record.key?.count ?? 0)
            if batch.count >= batchRecordCountMax || batchBytes >= batchBytesMax { try flush() }
        }
        try flush()
        return summary
    }

    private func record(_ line: ArraySlice<UInt8>, lineNumber: Int, inputName: String) throws(SluiceError) -> LogRecord {
        let object: JSONObjectLine
        do {
            object = try JSONObjectLine(parsing: line)
        } catch {
            throw SluiceError.userInput(
                "malformed JSON: \(error.message)", at: SourceLocation(file: inputName, line: lineNumber, column: error.byteOffset + 1))
        }
        var key: [UInt8]?
        if let keyField, let member = object.member(keyField) {
            key = object.text(member).map { Array($0.utf8) }
        }
        var timestampMillis = clock.nowMillis()
        if let timestampField {
            guard let member = object.member(timestampField), let timestamp = object.integer(member) else {
                throw SluiceError.userInput(
                    "the timestamp field must hold whole milliseconds since the epoch",
                    at: SourceLocation(file: inputName, line: lineNumber, field: timestampField))
            }
            timestampMillis = timestamp
        }
        return LogRecord(timestampMillis: timestampMillis, key: key, value: object.compactText)
    }
}
