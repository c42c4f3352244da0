import SluiceCore

/// The map side of `valueCounts` over text read from files: counts the elements' bytes in a
/// `UTF8CountTable` and writes (text, count) records, flushing the table into the shuffle frames
/// when it outgrows the task's memory share.
@usableFromInline
struct UTF8CountMapWriter {
    @usableFromInline let table = UTF8CountTable()
    @usableFromInline var output: ShuffleSegmentWriter
    @usableFromInline let partitionCount: Int
    @usableFromInline let tableByteLimit: Int
    @usableFromInline var recordsWritten = 0

    @inlinable
    init(partitionCount: Int, task: TaskContext) {
        self.partitionCount = partitionCount
        output = ShuffleSegmentWriter(partitionCount: partitionCount, task: task, memoryLimitBytes: task.memoryLimitBytes)
        tableByteLimit = task.memoryLimitBytes
    }

    @inlinable
    mutating func add(_ text: UnsafeRawBufferPointer) throws {
        let before = table.count
        table.add(text)
        if table.count != before && table.count & 0xFFF == 0 && table.estimatedBytes >= tableByteLimit { try flushTable() }
    }

    @inlinable
    mutating func flushTable() throws {
        let partitionCount = self.partitionCount
        var output = self.output
        try table.forEach { text, count, hash in
            try output.append(UTF8CountRecord(text: text, count: count),
                              partition: PartitionHasher.partitionIndex(hash: hash, partitionCount: partitionCount))
        }
        self.output = output
        recordsWritten += table.count
        table.removeAll()
    }

    @inlinable
    mutating func finish(task: TaskContext) throws -> MapOutput {
        if table.count > 0 { try flushTable() }
        task.metrics.recordsWritten += recordsWritten
        return try output.finish()
    }
}
