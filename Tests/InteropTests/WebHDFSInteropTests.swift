import BlockStore
import Foundation
import SluiceCore
import Testing
import Warehouse

/// The block store as outside tools see it: a cluster of `sluice` processes (namenode and three
/// datanodes) driven by HdfsCLI (the Python `hdfs` package), by `curl` following the documented
/// WebHDFS steps, and by a Delta table written through `dfs://`.
///
/// Serialized: each test starts four server processes, and the machines are small.
@Suite(.serialized) struct WebHDFSInteropTests {
    /// What `webhdfs_client.py` reports.
    struct ClientReport: Decodable {
        struct FileStatusFacts: Decodable {
            var type: String
            var length: Int64
            var owner: String
            var permission: String
            var replication: Int
            var blockSize: Int64
            var pathSuffix: String
        }

        struct ContentFacts: Decodable {
            var directoryCount: Int
            var fileCount: Int
            var length: Int64
        }

        struct ChecksumFacts: Decodable {
            var algorithm: String
            var bytes: String
            var length: Int
        }

        var uploadedPath: String
        var downloadMatches: Bool
        var downloadedLength: Int
        var treeMatches: Bool
        var sliceMatches: Bool
        var sliceLength: Int
        var smallText: String
        var listedNames: [String]
        var fileStatusTypes: [String: String]
        var fileStatus: FileStatusFacts
        var directoryType: String
        var missingStatusIsNone: Bool
        var content: ContentFacts
        var renamedOldGone: Bool
        var renamedLength: Int64
        var replicationAfter: Int
        var permissionAfter: String
        var ownerAfter: String
        var groupAfter: String
        var aliceSetOwnerError: String?
        var checksum: ChecksumFacts
        var checksumStable: Bool
        var keepChecksumBytes: String
        var missingError: String?
        var bobDeleteError: String?
        var renamedSurvivesBob: Bool
        var deleted: Bool
        var deletedAgain: Bool
        var dataGone: Bool
        var homeListingAfter: [String]
    }

    /// Mirrors the script's constants.
    static let largeFileBytes = 5 * PseudoClusterProcesses.blockSizeBytes + 12_345
    static let keepFileBytes = 3 * PseudoClusterProcesses.blockSizeBytes + 5

    @Test func hdfsCLIDrivesTheClusterThroughWebHDFS() throws {
        let environment = try InteropEnvironment.shared()
        try TemporaryDirectory.with { folder in
            try PseudoClusterProcesses.with(in: folder) { cluster in
                let scratch = folder + "/python"
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
                let reportPath = folder + "/report.json"
                // The namenode's superuser is whoever runs it: the same user as this process.
                try environment.runScript(
                    "webhdfs_client.py", [cluster.webHDFSBaseURL, BlockStoreUser.current(), scratch, reportPath])
                let report = try CanonicalDump.decode(ClientReport.self, fromFile: reportPath)

                #expect(report.uploadedPath == "/user/alice/data/large.bin")
                #expect(report.downloadMatches, "downloaded \(report.downloadedLength) bytes of \(Self.largeFileBytes)")
                #expect(report.treeMatches)
                #expect(report.sliceMatches)
                #expect(report.sliceLength == 2 * PseudoClusterProcesses.blockSizeBytes + 77)
                #expect(report.smallText == "alpha\n")

                #expect(report.listedNames == ["large.bin", "nested"])
                for (key, type) in [
                    ("accessTime", "int"), ("blockSize", "int"), ("group", "str"), ("length", "int"), ("modificationTime", "int"),
                    ("owner", "str"), ("pathSuffix", "str"), ("permission", "str"), ("replication", "int"), ("type", "str"),
                ] {
                    #expect(report.fileStatusTypes[key] == type, "FileStatus.\(key)")
                }
                #expect(report.fileStatus.type == "FILE")
                #expect(report.fileStatus.length == Int64(Self.largeFileBytes))
                #expect(report.fileStatus.owner == "alice")
                #expect(report.fileStatus.permission == "644")
                #expect(report.fileStatus.replication == 3)
                #expect(report.fileStatus.blockSize == Int64(PseudoClusterProcesses.blockSizeBytes))
                #expect(report.fileStatus.pathSuffix == "")
                #expect(report.directoryType == "DIRECTORY")
                #expect(report.missingStatusIsNone)

                // /user/alice, data, data/nested, tree, tree/sub; large.bin and the three tree files.
                #expect(report.content.directoryCount == 5)
                #expect(report.content.fileCount == 4)
                #expect(report.content.length == Int64(Self.largeFileBytes + 6 + 70_000 + 6))

                #expect(report.renamedOldGone)
                #expect(report.renamedLength == Int64(Self.largeFileBytes))
                #expect(report.replicationAfter == 2)
                #expect(report.permissionAfter == "600")
                #expect(report.ownerAfter == "carol")
                #expect(report.groupAfter == "staff")
                #expect(report.aliceSetOwnerError?.contains("super user") == true,
                        "alice changing an owner: \(report.aliceSetOwnerError ?? "no error")")

                #expect(report.checksum.algorithm == "COMPOSITE-CRC32C")
                #expect(report.checksum.bytes.count == 2 * report.checksum.length)
                #expect(report.checksumStable)

                #expect(report.missingError?.contains("does not exist") == true, "\(report.missingError ?? "no error")")
                #expect(report.bobDeleteError?.contains("Permission denied") == true, "\(report.bobDeleteError ?? "no error")")
                #expect(report.renamedSurvivesBob)
                #expect(report.deleted)
                #expect(!report.deletedAgain)
                #expect(report.dataGone)
                #expect(report.homeListingAfter == ["keep.bin", "tree"])

                // What the script left, seen through Sluice's own client: six 1 MiB blocks, three
                // replicas each on distinct datanodes, and a checksum over exactly these bytes.
                let client = DFSClient(namenodeAddress: cluster.namenodeAddress)
                let (blocks, bytes) = try BlockStoreFileSystem.blocking { () -> ([ClientProtocol.LocatedBlock], [UInt8]) in
                    let stream = try await client.open("/user/alice/keep.bin")
                    return (stream.blocks, try await stream.read(offset: 0, count: Int(stream.lengthBytes)))
                }
                #expect(bytes.count == Self.keepFileBytes)
                #expect(blocks.count == 4)
                #expect(blocks.allSatisfy { Set($0.locations.map(\.datanodeUUID)).count == 3 })
                let crc = bytes.withUnsafeBytes { CRC32C.checksum($0) }
                #expect(UInt32(report.keepChecksumBytes, radix: 16) == crc)
            }
        }
    }

    @Test(.enabled(if: WebHDFSInteropTests.curlPath != nil, "curl is not installed on this machine"))
    func curlFollowsTheDocumentedTwoStepCreateAndOpen() throws {
        let curl = try #require(WebHDFSInteropTests.curlPath)
        try TemporaryDirectory.with { folder in
            try PseudoClusterProcesses.with(in: folder) { cluster in
                let user = BlockStoreUser.current()
                let base = cluster.webHDFSBaseURL + "/webhdfs/v1"
                var generator = SeededBytes(seed: 11)
                let payload = generator.next(count: 2 * PseudoClusterProcesses.blockSizeBytes + 999)
                let payloadPath = folder + "/payload.bin"
                try Data(payload).write(to: URL(fileURLWithPath: payloadPath))

                // Step 1: the namenode answers a CREATE without a body with 307 and a datanode's URL.
                let create = try Self.curl(curl, folder, ["-X", "PUT", base + "/curl/hello.bin?op=CREATE&user.name=\(user)&overwrite=true"])
                #expect(create.status == 307)
                let location = try #require(create.header("location"), "no Location in \(create.headers)")
                #expect(location.hasPrefix("http://"))
                #expect(location.contains("/webhdfs/v1/curl/hello.bin?"))
                #expect(!location.contains(cluster.namenodeAddress + "/webhdfs"), "Location names a datanode, not the namenode")

                // Step 2: the bytes go to that URL; the datanode answers 201.
                let upload = try Self.curl(curl, folder, ["-X", "PUT", "-T", payloadPath, location])
                #expect(upload.status == 201, "\(upload.body)")
                #expect(upload.header("location")?.hasPrefix("webhdfs://") == true)

                // OPEN through the redirect, whole and in part.
                let whole = try Self.curl(curl, folder, ["-L", base + "/curl/hello.bin?op=OPEN&user.name=\(user)"])
                #expect(whole.status == 200)
                #expect(whole.bodyBytes == payload)
                let offset = PseudoClusterProcesses.blockSizeBytes - 10
                let part = try Self.curl(curl, folder, ["-L", base + "/curl/hello.bin?op=OPEN&user.name=\(user)&offset=\(offset)&length=100"])
                #expect(part.status == 200)
                #expect(part.bodyBytes == Array(payload[offset..<(offset + 100)]))

                let status = try Self.curl(curl, folder, [base + "/curl/hello.bin?op=GETFILESTATUS&user.name=\(user)"])
                #expect(status.status == 200)
                #expect(status.body.contains("\"length\":\(payload.count)"), "\(status.body)")

                // Errors are RemoteException JSON with Hadoop's exception names and status codes.
                let missing = try Self.curl(curl, folder, [base + "/curl/nothing?op=GETFILESTATUS&user.name=\(user)"])
                #expect(missing.status == 404)
                #expect(missing.header("content-type")?.contains("application/json") == true)
                let error = try JSONDecoder().decode(WebHDFSEnvelope.RemoteExceptionAnswer.self, from: Data(missing.bodyBytes))
                #expect(error.RemoteException.exception == "FileNotFoundException")
                #expect(error.RemoteException.javaClassName == "java.io.FileNotFoundException")
                #expect(error.RemoteException.message == "File does not exist: /curl/nothing")
            }
        }
    }

    @Test func warehouseTableLivesOnDFS() throws {
        try TemporaryDirectory.with { folder in
            try PseudoClusterProcesses.with(in: folder) { cluster in
                BlockStoreFileSystem.registerForDFSScheme()
                let location = "dfs://\(cluster.namenodeAddress)/warehouse/orders"
                let (fileSystem, path) = try FileSystemRegistry.shared.resolve(location)
                #expect(fileSystem is BlockStoreFileSystem)
                #expect(path == "/warehouse/orders")

                let table = try Table.create(fileSystem: fileSystem, path: path, schema: Orders.schema, partitionColumns: ["country"])
                try table.append([try Orders.batch([(1, "DE", 10), (2, "FR", 20), (3, "DE", nil)])])
                try table.append([try Orders.batch([(4, "US", 40), (5, "FR", 50)])])
                _ = try table.delete(where: [try ColumnPredicate(parsing: "id = 2")])

                // A fresh resolve and open, as another process would.
                let (otherFileSystem, otherPath) = try FileSystemRegistry.shared.resolve(location)
                let reopened = try Table(fileSystem: otherFileSystem, path: otherPath)
                #expect(try reopened.snapshot().version == 3)
                var scan = try reopened.scan()
                let rows = try scan.readAll()
                var ids: [Int64] = []
                var amountTotal = 0.0
                for row in 0..<rows.rowCount {
                    if case .int64(let id) = rows.columns[0][row] { ids.append(id) }
                    if case .float64(let amount) = rows.columns[2][row] { amountTotal += amount }
                }
                #expect(ids.sorted() == [1, 3, 4, 5])
                #expect(amountTotal == 100)
                var filtered = try reopened.scan(predicates: [try ColumnPredicate(parsing: "country = 'FR'")])
                #expect(filtered.files.count == 1)
                #expect(try filtered.readAll().rowCount == 1)

                // The log and the data files are block store files.
                let logNames = try otherFileSystem.list(otherPath + "/_delta_log").map(\.name)
                #expect(logNames.contains("00000000000000000000.json"))
                #expect(logNames.contains("00000000000000000003.json"))
                let partitions = try otherFileSystem.list(otherPath).filter(\.isDirectory).map(\.name)
                #expect(Set(partitions).isSuperset(of: ["country=DE", "country=FR", "country=US"]))
                #expect(!logNames.contains { $0.contains(".sluice-") }, "no temporary files left: \(logNames)")
            }
        }
    }

    // MARK: curl

    /// `curl` on `PATH`, or nil.
    static let curlPath: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { $0 + "/curl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// One curl exchange: status, response headers (names lower-cased) and body.
    struct CurlAnswer {
        var status: Int
        var headers: [(String, String)]
        var bodyBytes: [UInt8]

        var body: String { String(decoding: bodyBytes, as: UTF8.self) }

        func header(_ name: String) -> String? { headers.last { $0.0 == name }?.1 }
    }

    /// Runs curl with `arguments`, keeping the last response's headers and the body in files.
    static func curl(_ curl: String, _ folder: String, _ arguments: [String]) throws -> CurlAnswer {
        let headerPath = folder + "/curl-headers"
        let bodyPath = folder + "/curl-body"
        let result = try CommandRunner.runChecked(
            [curl, "--silent", "--show-error", "--dump-header", headerPath, "--output", bodyPath, "--write-out", "%{http_code}"] + arguments)
        guard let status = Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw InteropFailure("curl printed no status\n" + result.report)
        }
        let headerText = (try? String(contentsOfFile: headerPath, encoding: .utf8)) ?? ""
        // With -L the file holds every response's headers; the last block is the final response's.
        let lastBlock = headerText.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? ""
        let headers = lastBlock.components(separatedBy: "\r\n").dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = FileManager.default.contents(atPath: bodyPath).map { Array($0) } ?? []
        try? FileManager.default.removeItem(atPath: bodyPath)
        return CurlAnswer(status: status, headers: headers, bodyBytes: body)
    }
}

/// The table the `dfs://` warehouse test writes.
private enum Orders {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("country", .string), Field("amount", .float64)])

    static func batch(_ rows: [(Int64, String, Double?)]) throws -> RecordBatch {
        RecordBatch(schema: schema, columns: [
            try Column(type: .int64, rows.map { .int64($0.0) }),
            try Column(type: .string, rows.map { .string($0.1) }),
            try Column(type: .float64, rows.map { $0.2.map(Value.float64) ?? .null }),
        ])
    }
}
