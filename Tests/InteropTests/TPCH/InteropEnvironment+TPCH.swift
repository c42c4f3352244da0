import Foundation

extension InteropEnvironment {
    /// The directory of all eight TPC-H tables at `lineitemScaleFactor`, written by `tpchgen-cli
    /// parquet` as `<table>.parquet`, generated once and cached under `.build/interop-data`.
    /// Generation goes to a scratch directory first, so an interrupted run never leaves a partial
    /// set in the cache; the lock makes concurrent test processes take turns.
    func tpchTablesDirectory() throws -> String {
        let directory = dataCacheDirectory + "/tpch-sf\(InteropEnvironment.lineitemScaleFactor)-all"
        let expectedFiles = TPCHQueries.tableNames.map { directory + "/" + $0 + ".parquet" }
        try FileManager.default.createDirectory(atPath: dataCacheDirectory, withIntermediateDirectories: true)
        try FileLock.withExclusiveLock(dataCacheDirectory + "/tpch.lock") {
            if expectedFiles.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return }
            let scratch = directory + ".partial"
            try? FileManager.default.removeItem(atPath: scratch)
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try CommandRunner.runChecked([virtualEnvironmentPath + "/bin/tpchgen-cli", "parquet",
                                          "-s", InteropEnvironment.lineitemScaleFactor,
                                          "--output-dir=" + scratch, "--quiet"])
            for name in TPCHQueries.tableNames where !FileManager.default.fileExists(atPath: scratch + "/" + name + ".parquet") {
                throw InteropFailure("tpchgen-cli wrote no \(name).parquet into \(scratch)")
            }
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.moveItem(atPath: scratch, toPath: directory)
        }
        return directory
    }

    /// DuckDB's answers to the 22 queries over the tables in `dataDirectory`.
    func tpchAnswers(dataDirectory: String) throws -> TPCHAnswerFile {
        try TemporaryDirectory.with { scratch in
            let outputPath = scratch + "/answers.json"
            try runScript("tpch_answers.py", [dataDirectory, TPCHQueries.directory, outputPath])
            return try CanonicalDump.decode(TPCHAnswerFile.self, fromFile: outputPath)
        }
    }
}
