import Foundation

/// What `python/nested_files.py` reports of one nested Parquet file as pyarrow reads it, or the
/// error pyarrow raised.
struct NestedDump: Decodable, Sendable {
    struct Field: Decodable, Sendable {
        var name: String
        /// pyarrow's type name, such as `map<string, string ('partitionValues')>`.
        var type: String
        var nullable: Bool
    }

    /// The script's output: each file's dump by file name.
    struct Manifest: Decodable, Sendable {
        var files: [String: NestedDump]
    }

    var error: String?
    var fields: [Field]?
    var rowCount: Int?
    var rowGroupCount: Int?
    /// One canonical value per field, per row.
    var rows: [[CanonicalNestedValue]]?
}
