import BlockStore
import Foundation
import SluiceCore

/// The block store against the disk under it, in one run: `dd` writes (with `fdatasync`) and
/// reads (uncached with O_DIRECT, and from the page cache) a random file; then a pseudo cluster
/// (namenode + 3 datanodes as `sluice` processes) takes the same file through Sluice's client in
/// this process: put at replication 1 and 3, get uncached and cached, and namespace operations
/// (mkdir + create of an empty closed file) from 16 concurrent tasks.
///
/// Datanodes acknowledge a block once it is in their page cache (HDFS does the same unless
/// `dfs.datanode.synconclose` is set), so each put is reported twice: as acknowledged, and with
/// the time to `fdatasync` its replica files added, which is what `dd conv=fdatasync` pays.
/// Every byte read back is checked against the source's CRC-32C, and so is the file checksum the
/// datanodes compute. MB = 10^6 bytes.
struct DFSBenchmark {
    var sizeMiB = 1024
    /// Where the source file and the cluster go (default: a temporary folder, removed after).
    var directory: String?
    /// mkdir and create count one each.
    var metadataOperationCount = 20_000

    /// Tasks issuing metadata operations at once (HDFS's NNThroughputBenchmark uses threads too).
    var concurrentTaskCount = 32
    static let datanodeCount = 3
    /// HDFS's default block size.
    static let blockSizeBytes = 128 << 20
    /// How much of the source is read per `read(2)` while putting.
    static let sourceChunkBytes = 4 << 20

    init(arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else {
                throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "\(name) needs a value")
            }
            let value = arguments[index + 1]
            switch name {
            case "--size-mib":
                guard let size = Int(value), size > 0 else { throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "bad --size-mib \(value)") }
                sizeMiB = size
            case "--tasks":
                guard let count = Int(value), count >= 1 else { throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "bad --tasks \(value)") }
                concurrentTaskCount = count
            case "--dir":
                directory = value
            case "--ops":
                guard let count = Int(value), count >= 2 * concurrentTaskCount else {
                    throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "bad --ops \(value)")
                }
                metadataOperationCount = count
            default:
                throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "unknown option \(name); known: --size-mib N, --dir DIR, --ops N, --tasks N")
            }
            index += 2
        }
    }

    /// A timed step's outcome.
    struct Measured {
        var seconds: Double
        var bytes: Int
        var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    }

    func run() throws {
        let folder = (directory ?? NSTemporaryDirectory() + "sluice-bench-dfs-\(getpid())") + "/dfs-bench"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sizeBytes = sizeMiB << 20
        report("workload: \(sizeMiB) MiB random file in \(folder); block size \(Self.blockSizeBytes >> 20) MiB, \(Self.datanodeCount) datanodes on this disk")

        let source = folder + "/source.bin"
        try ProcessRunner.run("/bin/sh", ["-c", "head -c \(sizeBytes) /dev/urandom > '\(source)' && sync '\(source)'"])
        let sourceCRC = try Self.checksumOfFile(source)

        // Anchors.
        let ddWrite = try Self.timed(bytes: sizeBytes) {
            try ProcessRunner.run("dd", ["if=\(source)", "of=\(folder)/dd-copy.bin", "bs=4M", "conv=fdatasync"])
        }
        try? FileManager.default.removeItem(atPath: folder + "/dd-copy.bin")
        let ddColdRead = try Self.timed(bytes: sizeBytes) {
            try ProcessRunner.run("dd", ["if=\(source)", "of=/dev/null", "bs=4M", "iflag=direct"])
        }
        try ProcessRunner.run("dd", ["if=\(source)", "of=/dev/null", "bs=4M"])
        let ddCachedRead = try Self.timed(bytes: sizeBytes) { try ProcessRunner.run("dd", ["if=\(source)", "of=/dev/null", "bs=4M"]) }

        let cluster = try BenchmarkCluster.start(in: folder, datanodeCount: Self.datanodeCount, blockSizeBytes: Self.blockSizeBytes)
        defer { cluster.stop() }
        let client = DFSClient(namenodeAddress: cluster.namenodeAddress)
        report("cluster: namenode \(cluster.namenodeAddress)")

        let (putOne, putOneSplits) = try put(source, to: "/bench/r1.bin", replication: 1, client: client)
        let flushOne = try Self.timed(bytes: 0) { try Self.syncFiles(cluster.replicaFiles()) }
        let (putThree, putThreeSplits) = try put(source, to: "/bench/r3.bin", replication: 3, client: client)
        let flushThree = try Self.timed(bytes: 0) { try Self.syncFiles(cluster.replicaFiles()) }

        for path in ["/bench/r1.bin", "/bench/r3.bin"] {
            let checksum = try BlockStoreFileSystem.blocking { try await client.fileChecksum(path) }
            guard UInt32(checksum.bytes, radix: 16) == sourceCRC else {
                throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "\(path): file checksum \(checksum.bytes) differs from the source's")
            }
        }

        // Uncached: the replicas' pages are dropped first (clean pages of a file can be dropped
        // by anyone who can open it; no root needed).
        try Self.dropFromPageCache(cluster.replicaFiles())
        let (getCold, getColdSplits) = try get("/bench/r1.bin", expecting: sourceCRC, client: client)
        let (getCached, _) = try get("/bench/r1.bin", expecting: sourceCRC, client: client)
        let (getThreeCold, _) = try { () throws -> (Measured, String) in
            try Self.dropFromPageCache(cluster.replicaFiles())
            return try get("/bench/r3.bin", expecting: sourceCRC, client: client)
        }()

        let (metadataSeconds, metadataCount) = try metadataOperations(client: client)

        report("")
        report("step                         seconds      MB/s   vs anchor            ratio   target")
        func line(_ name: String, _ measured: Measured, _ anchorName: String, _ anchor: Measured, target: String = "") {
            let ratio = measured.megabytesPerSecond / anchor.megabytesPerSecond
            report(name.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(format: " %7.2f  %8.1f   ", measured.seconds, measured.megabytesPerSecond)
                + anchorName.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: " %5.0f%%   ", ratio * 100) + target)
        }
        let ddWriteLabel = String(format: "dd write %.0f MB/s", ddWrite.megabytesPerSecond)
        let ddColdLabel = String(format: "dd direct %.0f MB/s", ddColdRead.megabytesPerSecond)
        let ddCachedLabel = String(format: "dd cached %.0f MB/s", ddCachedRead.megabytesPerSecond)
        report("dd write conv=fdatasync".padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " %7.2f  %8.1f", ddWrite.seconds, ddWrite.megabytesPerSecond))
        report("dd read iflag=direct".padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " %7.2f  %8.1f", ddColdRead.seconds, ddColdRead.megabytesPerSecond))
        report("dd read (page cache)".padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: " %7.2f  %8.1f", ddCachedRead.seconds, ddCachedRead.megabytesPerSecond))
        line("put r=1 (acknowledged)", putOne, ddWriteLabel, ddWrite)
        line("put r=1 + fdatasync", Measured(seconds: putOne.seconds + flushOne.seconds, bytes: sizeBytes), ddWriteLabel, ddWrite, target: ">= 50%")
        line("put r=3 (acknowledged)", putThree, ddWriteLabel, ddWrite)
        line("put r=3 + fdatasync", Measured(seconds: putThree.seconds + flushThree.seconds, bytes: sizeBytes), ddWriteLabel, ddWrite, target: ">= 25%")
        line("get r=1 uncached", getCold, ddColdLabel, ddColdRead, target: ">= 60%")
        line("get r=3 uncached", getThreeCold, ddColdLabel, ddColdRead)
        line("get r=1 page cache", getCached, ddCachedLabel, ddCachedRead)
        report(String(format: "metadata: %d ops (mkdir + create/close of an empty file) from %d tasks in %.2f s = %.0f ops/s (target >= 5000)",
                      metadataCount, concurrentTaskCount, metadataSeconds, Double(metadataCount) / metadataSeconds))
        report("bytes read back match the source (CRC-32C) for every get, and the datanodes' file checksums match too")
        report("")
        report("where put r=1 spends its time: " + putOneSplits)
        report("where put r=3 spends its time: " + putThreeSplits)
        report("where get r=1 uncached spends its time: " + getColdSplits)
    }

    /// Copies the local file into the block store, block by block, timing the parts.
    private func put(_ source: String, to path: String, replication: Int, client: DFSClient) throws -> (Measured, String) {
        let descriptor = open(source, O_RDONLY)
        guard descriptor >= 0 else { throw Shell.Failure(command: "open", status: errno, standardError: source) }
        defer { Glibc.close(descriptor) }
        let result = try BlockStoreFileSystem.blocking { () -> PutTimes in
            var times = PutTimes()
            let start = Self.now()
            let stream = try await client.create(path, overwrite: true, replication: replication, blockSizeBytes: Int64(Self.blockSizeBytes))
            var mark = Self.now()
            times.createSeconds = mark - start
            var chunk = [UInt8](repeating: 0, count: Self.sourceChunkBytes)
            var total = 0
            while true {
                let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else {
                    if count < 0 { throw Shell.Failure(command: "read", status: errno, standardError: source) }
                    break
                }
                total += count
                var offset = 0
                var now = Self.now()
                times.readSeconds += now - mark
                mark = now
                while offset < count {
                    offset += chunk.withUnsafeBytes { stream.append(UnsafeRawBufferPointer(rebasing: $0[offset..<count])) }
                    now = Self.now()
                    times.bufferSeconds += now - mark
                    mark = now
                    if stream.needsSending {
                        try await stream.sendReady()
                        now = Self.now()
                        times.sendSeconds += now - mark
                        mark = now
                    }
                }
            }
            try await stream.close()
            let end = Self.now()
            times.closeSeconds = end - mark
            times.totalSeconds = end - start
            times.bytes = total
            return times
        }
        return (Measured(seconds: result.totalSeconds, bytes: result.bytes), String(
            format: "create %.3f s, read source %.2f s, copy into packets %.2f s, send packets and full blocks %.2f s, last block + complete %.2f s",
            result.createSeconds, result.readSeconds, result.bufferSeconds, result.sendSeconds, result.closeSeconds))
    }

    struct PutTimes: Sendable {
        var createSeconds = 0.0
        var readSeconds = 0.0
        var bufferSeconds = 0.0
        var sendSeconds = 0.0
        var closeSeconds = 0.0
        var totalSeconds = 0.0
        var bytes = 0
    }

    /// Reads the whole file back, checking its CRC-32C against the source's.
    private func get(_ path: String, expecting expectedCRC: UInt32, client: DFSClient) throws -> (Measured, String) {
        let (seconds, bytes, crc, checkSeconds, openSeconds) = try BlockStoreFileSystem.blocking { () -> (Double, Int, UInt32, Double, Double) in
            let start = Self.now()
            let stream = try await client.open(path)
            let opened = Self.now()
            var crc: UInt32 = 0
            var bytes = 0
            var checkSeconds = 0.0
            try await stream.stream { piece in
                let before = Self.now()
                crc = piece.withUnsafeReadableBytes { CRC32C.checksum($0, continuing: crc) }
                bytes += piece.readableBytes
                checkSeconds += Self.now() - before
            }
            return (Self.now() - start, bytes, crc, checkSeconds, opened - start)
        }
        guard crc == expectedCRC else {
            throw Shell.Failure(command: "sluice-bench dfs", status: 1, standardError: "\(path): the bytes read back (\(bytes)) differ from the source")
        }
        return (Measured(seconds: seconds, bytes: bytes), String(
            format: "open %.3f s, CRC-32C of the bytes %.2f s, waiting for datanodes %.2f s", openSeconds, checkSeconds, seconds - openSeconds - checkSeconds))
    }

    /// mkdir `/meta/tT/dI` then create and close `/meta/tT/dI/f` (empty), from concurrent tasks.
    /// - Returns: the seconds taken and the operation count (each mkdir and each create count one).
    private func metadataOperations(client: DFSClient) throws -> (Double, Int) {
        let iterationsPerTask = metadataOperationCount / 2 / concurrentTaskCount
        let seconds = try BlockStoreFileSystem.blocking { () -> Double in
            let start = Self.now()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<concurrentTaskCount {
                    group.addTask {
                        for iteration in 0..<iterationsPerTask {
                            let folder = "/meta/t\(task)/d\(iteration)"
                            try await client.makeDirectories(folder)
                            let stream = try await client.create(folder + "/f", overwrite: false)
                            try await stream.close()
                        }
                    }
                }
                try await group.waitForAll()
            }
            return Self.now() - start
        }
        let summary = try BlockStoreFileSystem.blocking { try await client.contentSummary("/meta") }
        let created = iterationsPerTask * concurrentTaskCount
        guard summary.fileCount == created, summary.directoryCount == 1 + concurrentTaskCount + created else {
            throw Shell.Failure(command: "sluice-bench dfs", status: 1,
                                standardError: "/meta holds \(summary.fileCount) files and \(summary.directoryCount) folders, expected \(created) and \(1 + concurrentTaskCount + created)")
        }
        return (seconds, 2 * created)
    }

    // MARK: Helpers

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    static func timed(bytes: Int, _ body: () throws -> Void) throws -> Measured {
        let start = now()
        try body()
        return Measured(seconds: now() - start, bytes: bytes)
    }

    static func checksumOfFile(_ path: String) throws -> UInt32 {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Shell.Failure(command: "open", status: errno, standardError: path) }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: sourceChunkBytes)
        var crc: UInt32 = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 { throw Shell.Failure(command: "read", status: errno, standardError: path) }
                return crc
            }
            crc = chunk.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<count]), continuing: crc) }
        }
    }

    /// `fdatasync` on each file (a read-only descriptor is enough on Linux).
    static func syncFiles(_ paths: [String]) throws {
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            guard fdatasync(descriptor) == 0 else { throw Shell.Failure(command: "fdatasync", status: errno, standardError: path) }
        }
    }

    /// Writes the files' dirty pages and drops all their pages from the page cache.
    static func dropFromPageCache(_ paths: [String]) throws {
        for path in paths {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            _ = fdatasync(descriptor)
            let status = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
            guard status == 0 else { throw Shell.Failure(command: "posix_fadvise", status: status, standardError: path) }
        }
    }
}
