import SluiceCore

/// Collects a map task's encoded shuffle records, one frame writer per reduce partition. When the
/// frames grow past the task's memory limit they are spilled to one file in the work folder; at
/// the end what is left stays in memory if the process's budget allows it, else goes to disk.
@usableFromInline
struct ShuffleSegmentWriter {
    @usableFromInline var frames: [RecordFrameWriter]
    @usableFromInline var bufferedByteCount = 0
    @usableFromInline let memoryLimitBytes: Int
    @usableFromInline var segments: [[ShuffleSegment]]
    @usableFromInline let task: TaskContext

    @usableFromInline
    init(partitionCount: Int, task: TaskContext, memoryLimitBytes: Int) {
        frames = (0..<partitionCount).map { _ in RecordFrameWriter(capacityBytes: 4096) }
        segments = Array(repeating: [], count: partitionCount)
        self.task = task
        self.memoryLimitBytes = memoryLimitBytes
    }

    /// Appends one record to partition `partition`'s frame and spills when the buffers are full.
    @inlinable
    mutating func append<Record: ShuffleCodable>(_ record: Record, partition: Int) throws {
        let before = frames[partition].frameByteCount
        frames[partition].append(record)
        bufferedByteCount += frames[partition].frameByteCount - before
        if bufferedByteCount >= memoryLimitBytes { try spill() }
    }

    /// Writes every non-empty frame to a new file and starts empty frames.
    @usableFromInline
    mutating func spill() throws {
        let path = task.workFilePath("shuffle")
        let file = try LocalFileSystem().create(path, overwrite: true)
        var offset = 0
        do {
            for partition in frames.indices where frames[partition].recordCount > 0 {
                let bytes = frames[partition].finish()
                try file.write(bytes)
                segments[partition].append(.file(path: path, byteRange: offset..<(offset + bytes.count)))
                offset += bytes.count
                frames[partition] = RecordFrameWriter(capacityBytes: 4096)
            }
            try file.close()
        } catch {
            file.abort()
            throw error
        }
        task.metrics.spilledBytes += offset
        task.metrics.shuffleBytesWritten += offset
        bufferedByteCount = 0
    }

    /// The map output: spilled segments plus what is still buffered.
    @usableFromInline
    mutating func finish() throws -> MapOutput {
        let budget = task.environment.memoryBudget
        if budget.tryReserve(bufferedByteCount) {
            var reserved = 0
            for partition in frames.indices where frames[partition].recordCount > 0 {
                let bytes = frames[partition].finish()
                reserved += bytes.count
                segments[partition].append(.memory(bytes))
            }
            // Frames end up a little smaller than their reservation; give back the difference.
            budget.release(bufferedByteCount - reserved)
            task.metrics.shuffleBytesWritten += reserved
            return MapOutput(segmentsByPartition: segments, reservedMemoryBytes: reserved)
        }
        if bufferedByteCount > 0 { try spill() }
        return MapOutput(segmentsByPartition: segments, reservedMemoryBytes: 0)
    }
}
