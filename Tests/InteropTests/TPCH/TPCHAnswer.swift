import Foundation

/// DuckDB's result of one TPC-H query, as `python/tpch_answers.py` writes it.
struct TPCHAnswer: Decodable, Sendable {
    /// How a column's values compare: see `TPCHResultComparison`.
    enum Kind: String, Decodable, Sendable {
        case number, date, timestamp, boolean, text
    }

    var columns: [String]
    /// DuckDB's type names, for messages.
    var types: [String]
    var kinds: [Kind]
    /// Canonical texts, nil for NULL.
    var rows: [[String?]]
}

/// Everything `python/tpch_answers.py` writes: DuckDB's version and the answer of each query by
/// name (`q01` ... `q22`).
struct TPCHAnswerFile: Decodable, Sendable {
    var duckdbVersion: String
    var answers: [String: TPCHAnswer]
}
