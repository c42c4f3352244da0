#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import SluiceCore

/// Verifies the finalized replicas of a `BlockStorage` in the background, as HDFS's volume
/// scanner does: every chunk against its CRC32C, and the meta file's length against the block's.
/// Corrupt replicas are returned for the datanode to report to the namenode; the scanner changes
/// nothing on disk.
///
/// Two forms: `scan(bytesPerSecondMax:)` runs one full pass, sleeping through the injected sleep
/// function to keep under the rate; `scanNext(byteBudget:)` verifies a bounded number of bytes and
/// remembers where it stopped, for a service loop that paces itself.
///
/// Threading: any thread; calls run one at a time (an internal lock), each reading with its own
/// buffer.
public final class BlockScanner: @unchecked Sendable {
    // Sendable: `cursor` and `buffer` are used only under `lock`; the rest is immutable.

    public let storage: BlockStorage
    /// Bytes read per step (and per rate-limiter check).
    public let pieceSizeBytes: Int

    private let clock: any WallClock
    private let sleepMillis: @Sendable (Int64) -> Void
    private let logger: Logger
    private let lock = Mutex()
    private var cursor = ScanCursor(pending: [])
    private let buffer: UnsafeMutableRawBufferPointer

    /// Where a pass stands: the blocks still to verify (the first one from `offset` on).
    struct ScanCursor {
        var pending: [ExtendedBlock]
        var nextIndex = 0
        var offset: Int64 = 0
        var isDone: Bool { nextIndex >= pending.count }
    }

    /// - Parameters:
    ///   - storage: whose finalized replicas to verify.
    ///   - clock: the time the rate limiter reads.
    ///   - sleepMillis: how the rate limiter waits; real sleep unless a test injects one that
    ///     advances a manual clock.
    ///   - pieceSizeBytes: bytes read per step; rounded up to whole 512-byte chunks.
    public init(
        storage: BlockStorage,
        clock: any WallClock = SystemWallClock(),
        sleepMillis: @escaping @Sendable (Int64) -> Void = BlockScanner.systemSleep,
        pieceSizeBytes: Int = 1 << 20,
        logger: Logger = Logger(label: "sluice.datanode.scanner")
    ) {
        let chunkBytes = BlockMetaFormat.bytesPerChecksum
        self.storage = storage
        self.clock = clock
        self.sleepMillis = sleepMillis
        self.pieceSizeBytes = max(1, (pieceSizeBytes + chunkBytes - 1) / chunkBytes) * chunkBytes
        self.logger = logger
        self.buffer = .allocate(byteCount: self.pieceSizeBytes, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Sleeps the calling thread.
    @Sendable
    public static func systemSleep(_ millis: Int64) {
        var request = timespec(tv_sec: Int(millis / 1000), tv_nsec: Int(millis % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }

    /// Verifies every finalized replica once (the set as of the call).
    /// - Parameter bytesPerSecondMax: the read rate to stay under; nil for as fast as the disk goes.
    /// - Returns: the corrupt replicas, by block id.
    public func scan(bytesPerSecondMax: Int?) -> [ExtendedBlock] {
        lock.withLock {
            var passCursor = ScanCursor(pending: storage.finalizedBlocks())
            var limiter = bytesPerSecondMax.map { ScanRateLimiter(bytesPerSecondMax: $0, clock: clock, sleepMillis: sleepMillis) }
            var corrupt: [ExtendedBlock] = []
            while !passCursor.isDone {
                let step = verifyStep(&passCursor, byteBudget: pieceSizeBytes) { limiter?.admit(byteCount: $0) }
                corrupt += step.corruptBlocks
            }
            return corrupt
        }
    }

    /// Verifies up to about `byteBudget` bytes, continuing the current pass where the last call
    /// stopped (a pass starts with the finalized replicas of that moment; replicas deleted since
    /// are skipped). The caller paces the calls, e.g. one per second with a budget equal to the rate.
    /// - Returns: what the slice verified and found; `passCompleted` when the pass ended in it.
    public func scanNext(byteBudget: Int) -> BlockScanSlice {
        lock.withLock {
            if cursor.isDone { cursor = ScanCursor(pending: storage.finalizedBlocks()) }
            var corrupt: [ExtendedBlock] = []
            var bytesVerified: Int64 = 0
            var budgetLeft = max(byteBudget, 1)
            while budgetLeft > 0, !cursor.isDone {
                let step = verifyStep(&cursor, byteBudget: min(budgetLeft, pieceSizeBytes)) { _ in }
                corrupt += step.corruptBlocks
                bytesVerified += step.bytesVerified
                budgetLeft -= max(Int(step.bytesVerified), 1)
            }
            return BlockScanSlice(corruptBlocks: corrupt, bytesVerified: bytesVerified, passCompleted: cursor.isDone)
        }
    }

    /// Verifies the next piece of the cursor's current block (at most `byteBudget` bytes, rounded
    /// up to a chunk), moving on to the next block when this one is done or bad. Called under `lock`.
    private func verifyStep(_ cursor: inout ScanCursor, byteBudget: Int, beforeRead: (Int) -> Void) -> BlockScanSlice {
        let expected = cursor.pending[cursor.nextIndex]
        func finishBlock() {
            cursor.nextIndex += 1
            cursor.offset = 0
        }
        let reader: BlockReplicaReader
        do {
            reader = try storage.openReplica(blockID: expected.blockID)
        } catch {
            // Deleted since the pass began: nothing to verify.
            finishBlock()
            return BlockScanSlice(corruptBlocks: [], bytesVerified: 0, passCompleted: false)
        }
        guard reader.generationStamp == expected.generationStamp else {
            // Replaced by a newer replica since the pass began; the next pass covers it.
            finishBlock()
            return BlockScanSlice(corruptBlocks: [], bytesVerified: 0, passCompleted: false)
        }
        if cursor.offset == 0, !reader.metaLengthMatchesBlock {
            logger.warning("meta file length does not match the block", metadata: ["block": "\(reader.block)"])
            finishBlock()
            return BlockScanSlice(corruptBlocks: [reader.block], bytesVerified: 0, passCompleted: false)
        }
        let chunkBytes = BlockMetaFormat.bytesPerChecksum
        let budget = min(pieceSizeBytes, (max(byteBudget, 1) + chunkBytes - 1) / chunkBytes * chunkBytes)
        let count = Int(min(Int64(budget), reader.lengthBytes - cursor.offset))
        do {
            if count > 0 {
                beforeRead(count)
                try reader.read(offset: cursor.offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
            }
        } catch let error as BlockStoreError where error.kind == .checksum {
            logger.warning("corrupt replica", metadata: ["block": "\(reader.block)", "error": "\(error.message)"])
            finishBlock()
            return BlockScanSlice(corruptBlocks: [reader.block], bytesVerified: Int64(count), passCompleted: false)
        } catch {
            // A disk error is not proof of corruption; the volume's health is another matter.
            logger.error("cannot scan replica", metadata: ["block": "\(reader.block)", "error": "\(error)"])
            finishBlock()
            return BlockScanSlice(corruptBlocks: [], bytesVerified: 0, passCompleted: false)
        }
        cursor.offset += Int64(count)
        if cursor.offset >= reader.lengthBytes { finishBlock() }
        return BlockScanSlice(corruptBlocks: [], bytesVerified: Int64(count), passCompleted: false)
    }
}
