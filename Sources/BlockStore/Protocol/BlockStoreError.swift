import SluiceCore

/// The failures of the block store, each with Hadoop's exception name and HTTP status so WebHDFS
/// clients see what they would see from HDFS (`RemoteException` JSON). `fault` says whose fault
/// it is for the CLI's exit code.
public struct BlockStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case fileNotFound = "FileNotFoundException"
        case fileAlreadyExists = "FileAlreadyExistsException"
        case accessControl = "AccessControlException"
        case parentNotDirectory = "ParentNotDirectoryException"
        case pathIsNotEmptyDirectory = "PathIsNotEmptyDirectoryException"
        case illegalArgument = "IllegalArgumentException"
        case unsupportedOperation = "UnsupportedOperationException"
        case safeMode = "SafeModeException"
        /// The file is open for writing by another client.
        case alreadyBeingCreated = "AlreadyBeingCreatedException"
        /// The writer's lease is gone (expired and recovered, or the file was deleted).
        case leaseExpired = "LeaseExpiredException"
        /// Too few datanodes to place a block, or none holds a readable replica.
        case notEnoughReplicas = "NotEnoughReplicasException"
        case checksum = "ChecksumException"
        case io = "IOException"
        case retriable = "RetriableException"
        case runtime = "RuntimeException"

        /// Hadoop's fully qualified class name, for `javaClassName`.
        public var javaClassName: String {
            switch self {
            case .fileNotFound: "java.io.FileNotFoundException"
            case .fileAlreadyExists: "org.apache.hadoop.fs.FileAlreadyExistsException"
            case .accessControl: "org.apache.hadoop.security.AccessControlException"
            case .parentNotDirectory: "org.apache.hadoop.fs.ParentNotDirectoryException"
            case .pathIsNotEmptyDirectory: "org.apache.hadoop.fs.PathIsNotEmptyDirectoryException"
            case .illegalArgument: "java.lang.IllegalArgumentException"
            case .unsupportedOperation: "java.lang.UnsupportedOperationException"
            case .safeMode: "org.apache.hadoop.hdfs.server.namenode.SafeModeException"
            case .alreadyBeingCreated: "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException"
            case .leaseExpired: "org.apache.hadoop.hdfs.server.namenode.LeaseExpiredException"
            case .notEnoughReplicas: "org.apache.hadoop.hdfs.server.blockmanagement.NotEnoughReplicasException"
            case .checksum: "org.apache.hadoop.fs.ChecksumException"
            case .io: "java.io.IOException"
            case .retriable: "org.apache.hadoop.ipc.RetriableException"
            case .runtime: "java.lang.RuntimeException"
            }
        }

        /// The HTTP status WebHDFS answers with (WebHDFS "Error Responses").
        public var httpStatus: Int {
            switch self {
            case .illegalArgument, .unsupportedOperation: 400
            case .fileNotFound: 404
            case .runtime: 500
            // Every other exception is an IOException to WebHDFS, safemode and retriable ones too.
            default: 403
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func fileNotFound(_ path: String) -> BlockStoreError {
        BlockStoreError(.fileNotFound, "File does not exist: \(path)")
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// The same failure as the error every Sluice layer throws, with whose fault it is.
    public var sluiceError: SluiceError {
        switch kind {
        case .fileNotFound:
            SluiceError(.userInput, message, condition: .notFound)
        case .fileAlreadyExists:
            SluiceError(.userInput, message, condition: .alreadyExists)
        case .accessControl, .parentNotDirectory, .pathIsNotEmptyDirectory, .illegalArgument,
            .unsupportedOperation, .alreadyBeingCreated, .leaseExpired, .safeMode:
            SluiceError(.userInput, message)
        case .checksum:
            SluiceError(.data, message)
        case .notEnoughReplicas, .io, .retriable:
            SluiceError(.io, message)
        case .runtime:
            SluiceError(.internal, message)
        }
    }
}
