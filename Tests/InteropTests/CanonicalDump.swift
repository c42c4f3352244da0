import Foundation

/// What `python/canonical.py` reports of one Parquet file as one reader (pyarrow or DuckDB)
/// sees it. `error` is set instead of the rest when the reader failed on the file.
struct CanonicalDump: Decodable, Sendable {
    struct Column: Decodable, Sendable {
        var name: String
        /// The reader's own type name: `timestamp[us, tz=UTC]` for pyarrow,
        /// `TIMESTAMP WITH TIME ZONE` for DuckDB.
        var type: String
        /// Reported by pyarrow only.
        var nullable: Bool?
        var values: [String?]
    }

    /// One column chunk's footer entry as pyarrow reports it.
    struct Chunk: Decodable, Sendable {
        var column: String
        var encodings: [String]
        var hasDictionaryPage: Bool
        var compression: String
        var nullCount: Int64?
        var min: String?
        var max: String?
    }

    struct RowGroup: Decodable, Sendable {
        var rowCount: Int
        var columns: [Chunk]
    }

    var error: String?
    var rowCount: Int?
    var createdBy: String?
    var columns: [Column]?
    /// Reported by pyarrow only.
    var rowGroups: [RowGroup]?

    /// Decodes a JSON file written by one of the scripts.
    static func decode<T: Decodable>(_ type: T.Type, fromFile path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InteropFailure("the script wrote no \(path)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data)
    }
}
