import SluiceCore
import Testing
@testable import Streaming

/// The binary records codec and the JSON line parsing the broker and `sluice topic produce` share.
@Suite struct BrokerWireFormatTests {
    @Test func binaryRecordsRoundTrip() throws {
        let records = [
            LogRecord(timestampMillis: -5, key: nil, value: []),
            LogRecord(timestampMillis: 1_700_000_000_123, key: [], value: [0, 255, 10]),
            LogRecord(timestampMillis: 7, key: Array("user-1".utf8), value: Array("{\"a\":1}".utf8)),
        ]
        #expect(try BrokerRecordCodec.decodeRecords(BrokerRecordCodec.encode(records)) == records)
        #expect(try BrokerRecordCodec.decodeRecords(BrokerRecordCodec.encode([])) == [])

        let fetched = FetchedRecords(
            records: [StoredRecord(offset: 41, timestampMillis: 3, key: nil, value: [9]), StoredRecord(offset: 42, timestampMillis: 4, key: [1], value: [])],
            nextOffset: 43, partitionStartOffset: 10, partitionEndOffset: 50)
        #expect(try BrokerRecordCodec.decodeFetched(BrokerRecordCodec.encode(fetched)) == fetched)
    }

    @Test func damagedBinaryBodiesAreRefused() throws {
        let encoded = BrokerRecordCodec.encode([LogRecord(timestampMillis: 1, key: Array("k".utf8), value: Array("value".utf8))])
        var flipped = encoded
        flipped[14] ^= 0x01
        #expect(throws: SluiceError.self) { try BrokerRecordCodec.decodeRecords(flipped) }
        #expect(throws: SluiceError.self) { try BrokerRecordCodec.decodeRecords(Array(encoded.prefix(3))) }
        // A cut body with a recomputed checksum still fails: the frames run past the end.
        var cut = Array(encoded.dropLast(2))
        let checksum = cut.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[4...])) }
        cut.withUnsafeMutableBytes { $0.storeBytes(of: checksum.littleEndian, toByteOffset: 0, as: UInt32.self) }
        do {
            _ = try BrokerRecordCodec.decodeRecords(cut)
            Issue.record("a truncated body decoded")
        } catch let error as SluiceError {
            #expect(error.message.contains("ends inside a record"))
        }
    }

    @Test func jsonLinesAreKeptAsCompactText() throws {
        let line = JSONObjectLine.self
        let parsed = try line.init(parsing: Array(#"  { "user" : "a\"b" , "n": -1.5e3, "tags": [ true, null, {"x" : [ ]} ], "id": 12 } "#.utf8)[...])
        #expect(String(decoding: parsed.compactText, as: UTF8.self) == #"{"user":"a\"b","n":-1.5e3,"tags":[true,null,{"x":[]}],"id":12}"#)
        #expect(parsed.members.map(\.key) == ["user", "n", "tags", "id"])
        #expect(parsed.text(parsed.member("user")!) == "a\"b")
        #expect(parsed.integer(parsed.member("id")!) == 12)
        #expect(parsed.integer(parsed.member("n")!) == nil)
        #expect(parsed.member("tags")?.kind == .array)
        let escaped = try line.init(parsing: Array(#"{"k":"\u00e9\ud83d\ude00\n"}"#.utf8)[...])
        #expect(escaped.text(escaped.member("k")!) == "é😀\n")
    }

    @Test func malformedJSONLinesNameTheByte() {
        for (text, fragment) in [("[1]", "expected a JSON object"), (#"{"a":1"#, "unterminated object"), (#"{"a":01}"#, "expected ','"),
                                 (#"{"a":tru}"#, "invalid literal"), (#"{"a":"x"} y"#, "unexpected text"), (#"{"a":"\q"}"#, "invalid escape")] {
            do {
                _ = try JSONObjectLine(parsing: Array(text.utf8)[...])
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.message.contains(fragment), "\(text): \(error)")
            }
        }
    }

    @Test func fetchedValuesThatAreNotJSONBecomeStrings() {
        let records = [
            StoredRecord(offset: 0, timestampMillis: 1, key: Array("k\"".utf8), value: Array("{ \"a\" :\n 1 }".utf8)),
            StoredRecord(offset: 1, timestampMillis: 2, key: nil, value: Array("not json\t".utf8)),
        ]
        #expect(String(decoding: BrokerJSONLines.encode(records), as: UTF8.self) == """
            {"offset":0,"timestamp":1,"key":"k\\"","value":{"a":1}}
            {"offset":1,"timestamp":2,"key":null,"value":"not json\\t"}

            """)
    }
}
