import SluiceCore

extension Table {
    /// How long vacuum keeps removed files when the table does not say (Delta's 7 days).
    public static let defaultRetentionHours = 168.0

    /// Deletes data files the newest version does not reference once they are older than the
    /// retention period: files a commit removed (tombstones) longer ago than that, and files no
    /// commit references (left by crashed or aborted writers) last modified longer ago than
    /// that. Files and folders whose names start with `_` or `.` (the log among them) are never
    /// touched, except partition folders; partition folders left empty are deleted. The run is
    /// recorded as two commits holding only provenance, "VACUUM START" and "VACUUM END".
    ///
    /// Time travel to a version whose files were deleted fails afterwards; that is why the
    /// retention must be at least the table's.
    /// - Parameters:
    ///   - retentionHours: keep files removed or written more recently than this; nil means the
    ///     table's `delta.deletedFileRetentionDuration`, or 168 hours (7 days) when unset.
    ///   - force: allow a retention shorter than the table's.
    ///   - dryRun: only report what would be deleted; nothing is deleted or committed.
    /// - Throws: `SluiceError` (user input) for a retention shorter than the table's without
    ///   `force`, or a malformed retention property; (I/O) when a deletion fails, after the
    ///   "VACUUM END" commit recorded the failure.
    @discardableResult
    public func vacuum(retentionHours: Double? = nil, force: Bool = false, dryRun: Bool = false) throws -> VacuumResult {
        let snapshot = try snapshot()
        let tableRetentionHours = try Table.retentionHours(of: snapshot)
        let hours = retentionHours ?? tableRetentionHours
        guard hours.isFinite, hours >= 0 else { throw SluiceError.userInput("the retention must be 0 hours or more, not \(hours)") }
        if hours < tableRetentionHours, !force {
            throw SluiceError.userInput("""
                a vacuum retention of \(Value.format(hours)) hours is shorter than the table's \(Value.format(tableRetentionHours)) \
                hours (\(TableProperty.deletedFileRetentionDuration), default 7 days): it would delete files that time travel \
                to recent versions and queries reading the table right now still need; force it only when no such reader exists
                """)
        }
        let cutoffMillis = clock.nowMillis() - Int64((hours * 3_600_000).rounded())
        var plan = VacuumPlan(snapshot: snapshot, tablePath: path, cutoffMillis: cutoffMillis)
        _ = try plan.collect(folder: path, relativePath: "", fileSystem: fileSystem)
        var result = VacuumResult(deletedFiles: plan.files.map(\.relativePath), deletedBytes: plan.files.reduce(0) { $0 + $1.sizeBytes },
                                  deletedDirectories: plan.directories, retentionHours: hours, isDryRun: dryRun)
        if dryRun { return result }

        let tableRetentionMillis = JSONValue.integer(Int64((tableRetentionHours * 3_600_000).rounded()))
        var startParameters: [String: JSONValue] = ["retentionCheckEnabled": .bool(!force), "defaultRetentionMillis": tableRetentionMillis]
        if let retentionHours { startParameters["specifiedRetentionMillis"] = .integer(Int64((retentionHours * 3_600_000).rounded())) }
        _ = try commit([], intent: CommitIntent(operation: "VACUUM START", readSnapshot: snapshot, isBlindAppend: true),
                       parameters: startParameters,
                       metrics: ["numFilesToDelete": .integer(Int64(plan.files.count)), "sizeOfDataToDelete": .integer(result.deletedBytes)])

        var deletedCount = 0
        do {
            for file in plan.files {
                try fileSystem.delete(path + "/" + file.relativePath, recursive: false)
                deletedCount += 1
            }
        } catch {
            commitVacuumEnd(snapshot, status: "FAILED", deletedFiles: deletedCount, deletedDirectories: 0)
            throw error
        }
        // A folder that gained a file meanwhile (a concurrent write) fails to delete and stays.
        result.deletedDirectories = plan.directories.filter { (try? fileSystem.delete(path + "/" + $0, recursive: false)) != nil }
        commitVacuumEnd(snapshot, status: "COMPLETED", deletedFiles: deletedCount, deletedDirectories: result.deletedDirectories.count)
        return result
    }

    /// The table's retention from `delta.deletedFileRetentionDuration`, else the default.
    static func retentionHours(of snapshot: Snapshot) throws -> Double {
        guard let text = snapshot.properties[TableProperty.deletedFileRetentionDuration] else { return defaultRetentionHours }
        guard let millis = DeltaInterval.milliseconds(parsing: text) else {
            throw SluiceError.userInput("table property \(TableProperty.deletedFileRetentionDuration) is '\(text)', "
                                        + "not an interval such as 'interval 7 days'")
        }
        return Double(millis) / 3_600_000
    }

    /// Records the end of a vacuum. The files are gone whether or not this commit lands, so a
    /// failure to record it is only logged.
    private func commitVacuumEnd(_ snapshot: Snapshot, status: String, deletedFiles: Int, deletedDirectories: Int) {
        do {
            _ = try commit([], intent: CommitIntent(operation: "VACUUM END", readSnapshot: snapshot, isBlindAppend: true),
                           parameters: ["status": .string(status)],
                           metrics: ["numDeletedFiles": .integer(Int64(deletedFiles)),
                                     "numVacuumedDirectories": .integer(Int64(deletedDirectories))])
        } catch {
            logger.warning("could not record the end of vacuuming \(path): \(error)")
        }
    }
}

/// What one vacuum deletes: found by walking the table folder against a snapshot.
private struct VacuumPlan {
    /// Data files of the snapshot (decoded paths relative to the table).
    let liveFiles: Set<String>
    /// Removed files still in the log: relative path to removal time (nil when not recorded).
    let tombstones: [String: Int64?]
    let partitionColumns: [String]
    let cutoffMillis: Int64
    private(set) var files: [(relativePath: String, sizeBytes: Int64)] = []
    private(set) var directories: [String] = []

    init(snapshot: Snapshot, tablePath: String, cutoffMillis: Int64) {
        func relative(_ actionPath: String) -> String {
            let decoded = DeltaPath.decode(actionPath)
            return decoded.hasPrefix(tablePath + "/") ? String(decoded.dropFirst(tablePath.count + 1)) : decoded
        }
        liveFiles = Set(snapshot.files.map { relative($0.path) })
        var tombstones: [String: Int64?] = [:]
        for tombstone in snapshot.tombstones { tombstones[relative(tombstone.path)] = .some(tombstone.deletionTimestamp) }
        self.tombstones = tombstones
        partitionColumns = snapshot.partitionColumns
        self.cutoffMillis = cutoffMillis
    }

    /// Adds a folder's expired files and emptied subfolders to the plan.
    /// - Returns: whether the folder would be left empty, and so may be deleted: it held
    ///   something that is deleted, or has been empty since before the cutoff (a folder a writer
    ///   just made is about to receive a file).
    mutating func collect(folder: String, relativePath: String, fileSystem: any FileSystem) throws -> Bool {
        var kept = 0
        var deletesSomething = false
        for entry in try fileSystem.list(folder) {
            let name = entry.name
            let relative = relativePath.isEmpty ? name : relativePath + "/" + name
            if isHidden(name) {
                kept += 1
            } else if entry.isDirectory {
                if try collect(folder: entry.path, relativePath: relative, fileSystem: fileSystem) {
                    directories.append(relative)
                    deletesSomething = true
                } else {
                    kept += 1
                }
            } else if isExpired(relative, modificationTimeMillis: entry.modificationTimeMillis) {
                files.append((relative, Int64(entry.sizeBytes)))
                deletesSomething = true
            } else {
                kept += 1
            }
        }
        guard kept == 0 else { return false }
        if deletesSomething { return true }
        return try fileSystem.status(folder).modificationTimeMillis < cutoffMillis
    }

    private func isExpired(_ relativePath: String, modificationTimeMillis: Int64) -> Bool {
        if liveFiles.contains(relativePath) { return false }
        if let removedAt = tombstones[relativePath] { return (removedAt ?? modificationTimeMillis) < cutoffMillis }
        return modificationTimeMillis < cutoffMillis
    }

    /// Names starting with `_` or `.` belong to the log or to other tools (checksums, files
    /// being written), except a partition folder of a column whose name starts so.
    private func isHidden(_ name: String) -> Bool {
        guard name.hasPrefix("_") || name.hasPrefix(".") else { return false }
        return !partitionColumns.contains { name.hasPrefix(PartitionValue.escape($0) + "=") }
    }
}
