import Foundation
import SluiceCore

/// A checkpoint of the whole namespace: the tree, the id counters and the last txid it
/// includes, stored as `fsimage_<txid>`:
/// `["SLFSIMG1"][u64 LE payload length][u32 LE CRC-32C of payload][payload = JSON]`.
struct NamespaceImage: Codable {
    /// One inode and everything below it.
    struct Node: Codable {
        var id: UInt64
        var name: String
        var owner: String
        var group: String
        var permission: UInt16
        var modificationTimeMillis: Int64
        var accessTimeMillis: Int64
        var isDirectory: Bool
        var children: [Node]?
        var replication: Int?
        var blockSizeBytes: Int64?
        var blocks: [ExtendedBlock]?
        var leaseHolder: String?
        var uncommittedBlockID: UInt64?
    }

    static let namePrefix = "fsimage_"
    static let magic: [UInt8] = Array("SLFSIMG1".utf8)
    static let headerLengthBytes = 20

    var lastTxid: UInt64
    var lastINodeID: UInt64
    var lastBlockID: UInt64
    var lastGenerationStamp: UInt64
    var root: Node

    static func fileName(lastTxid: UInt64) -> String {
        namePrefix + EditLogSegment.paddedTxid(lastTxid)
    }

    /// The images in `directory` as (last txid, path), newest first.
    static func list(in directory: String) throws -> [(lastTxid: UInt64, path: String)] {
        try NamespaceFiles.names(in: directory).compactMap { name -> (UInt64, String)? in
            guard name.hasPrefix(namePrefix), let txid = UInt64(name.dropFirst(namePrefix.count)) else {
                return nil
            }
            return (txid, directory + "/" + name)
        }.sorted { $0.0 > $1.0 }
    }

    /// The image of `tree` as of `lastTxid`.
    init(tree: NamespaceTree, lastTxid: UInt64) {
        self.lastTxid = lastTxid
        lastINodeID = tree.lastINodeID
        lastBlockID = tree.lastBlockID
        lastGenerationStamp = tree.lastGenerationStamp
        root = Self.node(of: tree.root)
    }

    /// A tree equal to the one the image was taken of.
    func makeTree() -> NamespaceTree {
        let tree = NamespaceTree(root: Self.makeINode(of: root))
        tree.lastINodeID = lastINodeID
        tree.lastBlockID = lastBlockID
        tree.lastGenerationStamp = lastGenerationStamp
        return tree
    }

    /// Writes the image durably into `directory` and returns its path.
    func write(to directory: String) throws -> String {
        let payload = [UInt8](try JSONEncoder().encode(self))
        var bytes = Self.magic
        EditLogRecord.appendLittleEndian(UInt64(payload.count), to: &bytes)
        EditLogRecord.appendLittleEndian(payload.withUnsafeBytes { CRC32C.checksum($0) }, to: &bytes)
        bytes.append(contentsOf: payload)
        let path = directory + "/" + Self.fileName(lastTxid: lastTxid)
        try NamespaceFiles.writeDurably(bytes, to: path)
        return path
    }

    /// Reads and verifies the image at `path`.
    /// - Throws: `SluiceError.data` naming the file when it is damaged; `.io` when unreadable.
    static func read(from path: String) throws -> NamespaceImage {
        let bytes = try NamespaceFiles.readAll(path)
        func damaged(_ reason: String, at offset: Int) -> SluiceError {
            SluiceError.data(
                "namespace image \(path) is corrupt at byte \(offset): \(reason)",
                at: SourceLocation(file: path, byteOffset: offset))
        }
        guard bytes.count >= headerLengthBytes, Array(bytes[0..<8]) == magic else {
            throw damaged("not a namespace image", at: 0)
        }
        let payloadLength = EditLogRecord.readLittleEndian(UInt64.self, bytes, at: 8)
        guard payloadLength == UInt64(bytes.count - headerLengthBytes) else {
            throw damaged("length \(payloadLength) does not match the file", at: 8)
        }
        let payload = bytes[headerLengthBytes...]
        let storedChecksum = EditLogRecord.readLittleEndian(UInt32.self, bytes, at: 16)
        guard payload.withUnsafeBytes({ CRC32C.checksum($0) }) == storedChecksum else {
            throw damaged("checksum mismatch", at: headerLengthBytes)
        }
        do {
            return try JSONDecoder().decode(NamespaceImage.self, from: Data(payload))
        } catch {
            throw damaged("undecodable: \(error)", at: headerLengthBytes)
        }
    }

    private static func node(of inode: INode) -> Node {
        Node(
            id: inode.id, name: inode.name, owner: inode.owner, group: inode.group,
            permission: inode.permission, modificationTimeMillis: inode.modificationTimeMillis,
            accessTimeMillis: inode.accessTimeMillis, isDirectory: inode.isDirectory,
            children: inode.isDirectory
                ? inode.children.values.sorted { $0.name < $1.name }.map { node(of: $0) } : nil,
            replication: inode.isDirectory ? nil : inode.replication,
            blockSizeBytes: inode.isDirectory ? nil : inode.blockSizeBytes,
            blocks: inode.isDirectory ? nil : inode.blocks,
            leaseHolder: inode.leaseHolder, uncommittedBlockID: inode.uncommittedBlockID)
    }

    private static func makeINode(of node: Node) -> INode {
        let inode = INode(
            id: node.id, name: node.name, owner: node.owner, group: node.group, permission: node.permission,
            timeMillis: node.modificationTimeMillis, isDirectory: node.isDirectory)
        inode.accessTimeMillis = node.accessTimeMillis
        inode.replication = node.replication ?? 0
        inode.blockSizeBytes = node.blockSizeBytes ?? 0
        inode.blocks = node.blocks ?? []
        inode.leaseHolder = node.leaseHolder
        inode.uncommittedBlockID = node.uncommittedBlockID
        for child in node.children ?? [] {
            let childINode = makeINode(of: child)
            childINode.parent = inode
            inode.children[child.name] = childINode
        }
        return inode
    }
}
