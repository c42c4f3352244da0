/// One unit of a Parquet scan's work: a row group of one of its files.
struct RowGroupMorsel: Sendable, Equatable {
    /// Position in the scan's file list.
    let fileIndex: Int
    let rowGroup: Int
    /// The compressed bytes of the columns read, for progress.
    let bytes: Int
}
