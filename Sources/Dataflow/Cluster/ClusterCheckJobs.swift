import SluiceCore

/// Small jobs compiled into every binary for checking a cluster end to end (like Hadoop's test
/// jobs): a word count whose output can be compared with a local run, and a job whose every task
/// fails, to see retries and the failure message.
public enum ClusterCheckJobs {
    public static var all: [JobDefinition] { [wordCount, failingTask] }

    /// `check-wordcount --input PATH --output PATH [--partitions N]`: counts words (split on
    /// spaces) and saves `word<TAB>count` lines. It counts the lines first and uses that count in a
    /// later closure, so workers need an earlier action's result too.
    public static let wordCount = JobDefinition(
        name: "check-wordcount", summary: "Count words (a check of the executor; output word<TAB>count).",
        options: [
            JobOption("input", help: "Text file or folder to read."),
            JobOption("output", help: "Folder to write part files to."),
            JobOption("partitions", help: "Input splits and reduce partitions.", defaultValue: "4"),
        ]
    ) { context, arguments in
        let partitionCount = try arguments.int("partitions")
        let output = try arguments.string("output")
        let lines = try context.textFile(try arguments.string("input"), minPartitions: partitionCount)
        let lineCount = try await lines.count()
        let counts = lines
            .flatMap { line in lineCount > 0 ? line.split(separator: " ").map(String.init) : [] }
            .map { word in (word, 1) }
            .reduceByKey(partitionCount: partitionCount, +)
        try await counts.save(to: output, overwrite: true)
        return JobSummary(lines: ["counted the words of \(lineCount) lines into \(output)"])
    }

    /// `check-failing-task [--partitions N]`: every task throws, so the job fails after the
    /// attempt limit with the stage, partition and the thrown message.
    public static let failingTask = JobDefinition(
        name: "check-failing-task", summary: "A job whose every task throws (a check of retries and failure messages).",
        options: [JobOption("partitions", help: "Partitions (each fails).", defaultValue: "2")]
    ) { context, arguments in
        let partitionCount = try arguments.int("partitions")
        let count = try await context.parallelize(Array(0..<100), partitionCount: partitionCount)
            .map { value -> Int in throw SluiceError.userInput("check-failing-task always fails (element \(value))") }
            .count()
        return JobSummary(lines: ["\(count) elements"])
    }
}
