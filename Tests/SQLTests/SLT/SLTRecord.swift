/// One record of a sqllogictest file: a statement that must succeed or fail, or a query with its
/// expected rows.
struct SLTRecord: Sendable, Equatable {
    enum Expectation: Sendable, Equatable {
        /// `statement ok`: runs without error (rows, if any, are ignored).
        case succeeds
        /// `statement error [text]`: fails, with `text` (case-insensitive) in the message; an
        /// empty text accepts any failure.
        case fails(messageSubstring: String)
        /// `query <types> [rowsort|nosort]`: returns these rows. `columnTypes` has one letter per
        /// column (`I` integer, `R` real, `T` text and everything else); `isRowSorted` compares
        /// the rows after sorting both sides by their text.
        case rows(columnTypes: [Character], isRowSorted: Bool, expected: [[String]])
    }

    /// The 1-based line of the record's first line (`statement` or `query`).
    var line: Int
    var sql: String
    var expectation: Expectation
    /// Engines named by `onlyif` before the record: it runs only on them. Empty: every engine.
    var onlyEngines: [String] = []
    /// Engines named by `skipif` before the record: it does not run on them.
    var skippedEngines: [String] = []

    /// Whether the record runs on the engine called `engine` (`sluice`, `duckdb`).
    func applies(to engine: String) -> Bool {
        (onlyEngines.isEmpty || onlyEngines.contains(engine)) && !skippedEngines.contains(engine)
    }
}
