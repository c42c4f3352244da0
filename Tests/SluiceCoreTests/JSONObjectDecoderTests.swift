import SluiceCore
import Testing

@Suite struct JSONObjectDecoderTests {
    let schema = Schema([
        Field("user_id", .int64, nullable: false),
        Field("page", .string, nullable: false),
        Field("event_time", .timestamp, nullable: false),
        Field("duration_ms", .int64),
        Field("utm", .string),
    ])

    @Test func decodesByKeyIgnoringUnknownAndMissing() throws {
        var decoder = JSONObjectDecoder(schema: schema)
        let values = try decoder.decode(Array(#"{"page": "/caf\u00e9", "user_id": 7, "device": "x", "event_time": "2024-03-01T08:00:00.158Z", "utm": {"a": [1]}}"#.utf8))
        #expect(values == [.int64(7), .string("/café"), .timestamp(1_709_280_000_158_000), .null, .string(#"{"a": [1]}"#)])
        // The decoder is reused: nothing of the last object leaks into the next.
        let next = try decoder.decode(Array(#"{"user_id": 8, "page": "/", "event_time": "2024-03-01", "duration_ms": null}"#.utf8))
        #expect(next == [.int64(8), .string("/"), .timestamp(1_709_251_200_000_000), .null, .null])
    }

    @Test func errorsNameTheFieldAndColumn() throws {
        var decoder = JSONObjectDecoder(schema: schema)
        func failure(_ text: String) -> SluiceError? {
            do {
                _ = try decoder.decode(Array(text.utf8))
                return nil
            } catch {
                return error as? SluiceError
            }
        }
        let wrongType = failure(#"{"user_id": "seven", "page": "/", "event_time": "2024-03-01T08:00:00Z"}"#)
        #expect(wrongType?.fault == .data && wrongType?.location?.field == "user_id" && wrongType?.location?.column == 13)
        let missing = failure(#"{"page": "/home"}"#)
        #expect(missing?.location?.field == "user_id" && missing?.message.contains("NOT NULL") == true)
        let cut = failure(#"{"user_id": 7, "page": "/home""#)
        #expect(cut?.fault == .data && cut?.location?.column != nil)
        let twice = failure(#"{"user_id": 7, "user_id": 8, "page": "/", "event_time": "2024-03-01"}"#)
        #expect(twice?.message.contains("twice") == true)
        #expect(failure("GET /home HTTP/1.1")?.fault == .data)
    }
}
