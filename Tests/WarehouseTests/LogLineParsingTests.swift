import Foundation
import Testing
@testable import Warehouse
import SluiceCore

/// One commit-file line into one action, in a single decoding pass, with the same answers and
/// errors for every kind of line.
@Suite struct LogLineParsingTests {
    @Test func everyActionKindRoundTrips() throws {
        let actions: [DeltaAction] = [
            .protocolVersions(.sluiceDefault),
            .metadata(MetadataAction(id: "id-1", schemaString: #"{"type":"struct","fields":[]}"#, partitionColumns: ["day"],
                                     createdTime: 5, configuration: ["delta.appendOnly": "false"])),
            .add(AddFile(path: "day=2024-01-01/part%20a.parquet", partitionValues: ["day": "2024-01-01", "region": nil],
                         size: 10, modificationTime: 7, dataChange: true, stats: #"{"numRecords":1}"#)),
            .remove(RemoveFile(path: "a.parquet", deletionTimestamp: 8, dataChange: false)),
            .transaction(TransactionAction(appId: "sink", version: 3, lastUpdated: 9)),
            .commitInfo(CommitInfo(timestamp: 11, operation: "WRITE",
                                   operationParameters: ["mode": .string("Append"), "count": .string("12")],
                                   operationMetrics: ["numFiles": .integer(1), "ratio": .number(0.5), "done": .bool(true),
                                                      "nothing": .null, "list": .array([.integer(1), .string("x")])])),
        ]
        for action in actions {
            #expect(try DeltaAction(line: try action.line()) == action)
        }
    }

    @Test func unknownActionsAreKeptByName() throws {
        #expect(try DeltaAction(line: #"{"cdc":{"path":"x","partitionValues":{},"size":1,"dataChange":false}}"#) == .other(name: "cdc"))
        #expect(try DeltaAction(line: #"{"domainMetadata":{"domain":"d","configuration":"{}","removed":false}}"#)
            == .other(name: "domainMetadata"))
    }

    @Test func strayFieldsAreIgnored() throws {
        let line = #"{"add":{"path":"a","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"baseRowId":null,"clusteringProvider":null}}"#
        guard case .add(let file) = try DeltaAction(line: line) else {
            Issue.record("not an add")
            return
        }
        #expect(file.path == "a")
    }

    @Test(arguments: [
        (#"{"add":{},"remove":{}}"#, "exactly one action, found [\"add\", \"remove\"]"),
        (#"{}"#, "exactly one action, found []"),
        (#"{"add":{"partitionValues":{},"size":1,"modificationTime":2,"dataChange":true}}"#, "action is missing 'add.path'"),
        (#"{"add":{"path":"a","partitionValues":{},"size":"big","modificationTime":2,"dataChange":true}}"#,
         "action field 'add.size' has the wrong type"),
        (#"{"add":"#, "not a JSON action"),
        (#"[1,2]"#, "not a JSON action"),
    ])
    func malformedLinesAreDataErrors(line: String, message: String) throws {
        let error = try #require(throws: SluiceError.self) { try DeltaAction(line: line) }
        #expect(error.fault == .data)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func jsonValuesKeepTheirKind() throws {
        let decoded = try LogJSON.decode(JSONValue.self, from: #"{"s":"123","t":"true","b":true,"i":5,"d":1.5,"n":null,"a":[],"o":{}}"#)
        #expect(decoded == .object(["s": .string("123"), "t": .string("true"), "b": .bool(true), "i": .integer(5),
                                    "d": .number(1.5), "n": .null, "a": .array([]), "o": .object([:])]))
    }

    @Test func commitFilesSplitIntoLinesByteWise() throws {
        let folder = try ScratchFolder()
        let log = DeltaLog(fileSystem: LocalFileSystem(), tablePath: folder.path + "/t")
        let add = DeltaAction.add(AddFile(path: "region=na%C3%AFve%20%E2%98%83/a.parquet", partitionValues: ["region": "naïve ☃"],
                                          size: 1, modificationTime: 2, dataChange: true, stats: nil))
        let text = "\r\n" + (try DeltaAction.protocolVersions(.sluiceDefault).line()) + "\r\n\n  " + (try add.line()) + "  \r\n"
        try LocalFileSystem().makeDirectories(log.logPath)
        try LocalFileSystem().write(Array(text.utf8), to: log.commitPath(0))
        #expect(try log.readCommit(0) == [.protocolVersions(.sluiceDefault), add])

        try LocalFileSystem().write(Array((text + "\n{\"add\":\n").utf8), to: log.commitPath(1))
        let error = try #require(throws: SluiceError.self) { try log.readCommit(1) }
        #expect(error.location?.line == 6, "\(error)")
        #expect(error.message.contains("version 1"))
    }
}
