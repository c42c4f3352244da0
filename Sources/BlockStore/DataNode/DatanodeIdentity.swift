import SluiceCore

/// The datanode's identity as kept in each data folder's `current/VERSION` file (a Java
/// properties file, as in HDFS): `datanodeUuid=<uuid>`. Created once, read again after a restart,
/// so the namenode recognizes the datanode.
enum DatanodeIdentity {
    private static let uuidKey = "datanodeUuid"

    /// The UUID shared by `folders`: read from the folders that have a VERSION file, generated when
    /// none has one, and written to the folders that lack it (a new folder joins the datanode).
    /// - Throws: `SluiceError.data` when two folders name different datanodes or a VERSION file has
    ///   no UUID; `SluiceError.io` when a file cannot be written.
    static func loadOrCreate(folders: [DataFolder]) throws -> String {
        let fileSystem = LocalFileSystem()
        var found: [(folder: DataFolder, uuid: String)] = []
        var missing: [DataFolder] = []
        for folder in folders {
            guard fileSystem.exists(folder.versionFilePath) else {
                missing.append(folder)
                continue
            }
            let text = String(decoding: try fileSystem.readAll(folder.versionFilePath), as: UTF8.self)
            guard let uuid = parseUUID(text) else {
                throw SluiceError.data("no \(uuidKey) in the datanode identity file",
                                       at: SourceLocation(file: folder.versionFilePath))
            }
            found.append((folder, uuid))
        }
        if let first = found.first, let other = found.first(where: { $0.uuid != first.uuid }) {
            throw SluiceError.data(
                "data folders \(first.folder.rootPath) and \(other.folder.rootPath) belong to different datanodes "
                    + "(\(first.uuid), \(other.uuid))")
        }
        let uuid = found.first?.uuid ?? generateUUID()
        for folder in missing {
            let text = "#Sluice datanode storage\nstorageType=DATA_NODE\nlayoutVersion=1\n\(uuidKey)=\(uuid)\n"
            try fileSystem.write(Array(text.utf8), to: folder.versionFilePath, overwrite: true)
        }
        return uuid
    }

    static func parseUUID(_ text: String) -> String? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmed == uuidKey {
                let value = String(parts[1].trimmed)
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// A random (version 4) UUID in its usual lowercase text form.
    static func generateUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text += "-" }
            let digits = String(byte, radix: 16)
            text += digits.count == 1 ? "0" + digits : digits
        }
        return text
    }
}
