/// The file `read_files.py` writes: for each file name, the pyarrow and the DuckDB dump.
struct ReaderDumps: Decodable, Sendable {
    struct Readers: Decodable, Sendable {
        var pyarrow: CanonicalDump
        var duckdb: CanonicalDump
    }

    var files: [String: Readers]
}
