import Logging
import SluiceCore

/// Finds the replicas a data folder holds when the datanode starts, and clears away what cannot
/// be a replica any more.
///
/// A replica needs both files: a block file without a meta file cannot be verified (nor does it
/// name its generation stamp), and a meta file alone holds no data, so such orphans (left by a
/// crash between the two renames of finalization, or in the middle of writing) are removed and
/// the namenode re-replicates from the other copies. When a block has several meta files, the
/// newest generation stamp wins and the stale meta files are removed.
///
/// Replicas left in `rbw/` by a crash (both files present) are kept and reported as not
/// finalized, as HDFS does: only the namenode knows whether the block was completed on other
/// datanodes (then it invalidates this copy) or whether this may be the last copy of a block
/// whose file is still open, which a datanode deleting on its own could destroy.
enum ReplicaStartupScan {
    /// The replicas in `folder` (finalized and being written), after removing orphans.
    /// - Throws: `SluiceError` when a directory cannot be listed.
    static func scan(folder: DataFolder, folderIndex: Int, logger: Logger) throws -> [ReplicaRecord] {
        var records: [ReplicaRecord] = []
        for subdirIndex in 0..<DataFolder.subdirCount {
            let directory = folder.finalizedSubdirPath(blockID: subdirIndex)
            records += try scanDirectory(directory, isFinalized: true, folderIndex: folderIndex, logger: logger) {
                $0 % DataFolder.subdirCount == subdirIndex
            }
        }
        records += try scanDirectory(folder.rbwPath, isFinalized: false, folderIndex: folderIndex, logger: logger) { _ in true }
        return records
    }

    private static func scanDirectory(
        _ directory: String, isFinalized: Bool, folderIndex: Int, logger: Logger,
        belongsHere: (UInt64) -> Bool
    ) throws -> [ReplicaRecord] {
        var blockFileLengths: [UInt64: Int64] = [:]
        var metaStamps: [UInt64: [UInt64]] = [:]
        for entry in try LocalFileSystem().list(directory) where !entry.isDirectory {
            switch ReplicaFileName(entry.name) {
            case .block(let blockID)? where belongsHere(blockID):
                blockFileLengths[blockID] = Int64(entry.sizeBytes)
            case .meta(let blockID, let generationStamp)? where belongsHere(blockID):
                metaStamps[blockID, default: []].append(generationStamp)
            default:
                // Not ours (or in the wrong subdir, where no lookup would find it): leave it alone.
                continue
            }
        }
        var records: [ReplicaRecord] = []
        for blockID in Set(blockFileLengths.keys).union(metaStamps.keys).sorted() {
            let stamps = (metaStamps[blockID] ?? []).sorted()
            let blockPath = directory + "/" + DataFolder.blockFileName(blockID: blockID)
            guard let lengthBytes = blockFileLengths[blockID], let newest = stamps.last else {
                logger.warning("removing an incomplete replica (block or meta file missing)",
                               metadata: ["directory": "\(directory)", "block": "blk_\(blockID)"])
                try BlockFileHandle.remove(blockPath)
                for stamp in stamps {
                    try BlockFileHandle.remove(directory + "/" + DataFolder.metaFileName(blockID: blockID, generationStamp: stamp))
                }
                continue
            }
            for stale in stamps.dropLast() {
                logger.warning("removing a stale meta file", metadata: ["block": "blk_\(blockID)_\(stale)"])
                try BlockFileHandle.remove(directory + "/" + DataFolder.metaFileName(blockID: blockID, generationStamp: stale))
            }
            let block = ExtendedBlock(blockID: blockID, generationStamp: newest, lengthBytes: lengthBytes)
            records.append(ReplicaRecord(block: block, isFinalized: isFinalized, folderIndex: folderIndex))
        }
        return records
    }
}
