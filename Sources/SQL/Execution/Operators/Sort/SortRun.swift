/// A sequence of rows in key order: one block in memory, or blocks in a spill file.
enum SortRun: Sendable {
    case memory(SortedBlock)
    case spilled(SortSpillFile)
}
