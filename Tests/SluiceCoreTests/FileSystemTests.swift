import Foundation
import Testing
@testable import SluiceCore

@Suite struct FileSystemTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "sluice-fs-\(UUID().uuidString)"
        try LocalFileSystem().makeDirectories(path)
        return path
    }

    @Test func createPublishesOnlyAtClose() throws {
        let directory = try temporaryDirectory()
        defer { try? LocalFileSystem().delete(directory, recursive: true) }
        let fileSystem = LocalFileSystem()
        let path = directory + "/data/part-0.bin"
        let file = try fileSystem.create(path, overwrite: false)
        try file.write([1, 2, 3])
        #expect(!fileSystem.exists(path))
        try file.close()
        #expect(try fileSystem.readAll(path) == [1, 2, 3])
        #expect(try fileSystem.list(directory + "/data").map(\.name) == ["part-0.bin"])
    }

    @Test func abortLeavesNothingBehind() throws {
        let directory = try temporaryDirectory()
        defer { try? LocalFileSystem().delete(directory, recursive: true) }
        let fileSystem = LocalFileSystem()
        let file = try fileSystem.create(directory + "/x.bin", overwrite: false)
        try file.write([9, 9])
        file.abort()
        #expect(try fileSystem.list(directory).isEmpty)
    }

    @Test func createWithoutOverwriteRefusesAnExistingFile() throws {
        let directory = try temporaryDirectory()
        defer { try? LocalFileSystem().delete(directory, recursive: true) }
        let fileSystem = LocalFileSystem()
        try fileSystem.write([1], to: directory + "/x.bin")
        #expect(throws: SluiceError.self) { try fileSystem.create(directory + "/x.bin", overwrite: false) }
        // A racing writer that started before the file existed still loses at publish time.
        let late = try fileSystem.create(directory + "/y.bin", overwrite: false)
        try fileSystem.write([2], to: directory + "/y.bin")
        try late.write([3])
        #expect(throws: SluiceError.self) { try late.close() }
        #expect(try fileSystem.readAll(directory + "/y.bin") == [2])
        #expect(try fileSystem.list(directory).map(\.name) == ["x.bin", "y.bin"])
    }

    @Test func rangedReadsAndTheirBounds() throws {
        let directory = try temporaryDirectory()
        defer { try? LocalFileSystem().delete(directory, recursive: true) }
        let fileSystem = LocalFileSystem()
        try fileSystem.write(Array(0..<100), to: directory + "/r.bin")
        let file = try fileSystem.openForReading(directory + "/r.bin")
        #expect(file.sizeBytes == 100)
        #expect(try file.read(offset: 10, count: 3) == [10, 11, 12])
        let error = try #require(throws: SluiceError.self) { try file.read(offset: 98, count: 5) }
        #expect(error.fault == .data)
        #expect(error.location?.byteOffset == 98)
    }

    @Test func renameDeleteAndMissingPaths() throws {
        let directory = try temporaryDirectory()
        defer { try? LocalFileSystem().delete(directory, recursive: true) }
        let fileSystem = LocalFileSystem()
        try fileSystem.write([1], to: directory + "/a/b/c.bin")
        try fileSystem.rename(from: directory + "/a", to: directory + "/z")
        #expect(fileSystem.exists(directory + "/z/b/c.bin"))
        #expect(try fileSystem.status(directory + "/z").isDirectory)
        let missing = try #require(throws: SluiceError.self) { try fileSystem.openForReading(directory + "/nope") }
        #expect(missing.fault == .userInput)
        #expect(missing.message.contains("/nope"))
        try fileSystem.delete(directory + "/z", recursive: true)
        #expect(!fileSystem.exists(directory + "/z"))
        try fileSystem.delete(directory + "/z", recursive: true)
    }

    @Test func uriParsing() throws {
        #expect(try FileURI(parsing: "data/x.parquet", workingDirectory: "/home/u") == FileURI(scheme: .file, path: "/home/u/data/x.parquet"))
        #expect(try FileURI(parsing: "file:///tmp/../var/./x", workingDirectory: "/") == FileURI(scheme: .file, path: "/var/x"))
        #expect(try FileURI(parsing: "dfs://nn:9870/user/x", workingDirectory: "/") == FileURI(scheme: .dfs, authority: "nn:9870", path: "/user/x"))
        #expect(try FileURI(parsing: "dfs://nn:9870", workingDirectory: "/").path == "/")
        #expect(throws: SluiceError.self) { try FileURI(parsing: "s3://bucket/x", workingDirectory: "/") }
        #expect(throws: SluiceError.self) { try FileURI(parsing: "dfs:///x", workingDirectory: "/") }
        #expect(throws: SluiceError.self) { try FileURI(parsing: "file://relative", workingDirectory: "/") }
        #expect(throws: SluiceError.self) { try FileSystemRegistry().resolve("dfs://nn:1/x") }
    }
}
