import Dataflow

/// The jobs compiled into Sluice's own `sluice` binary. Add a job by writing its `JobDefinition`
/// in a file of its own here and listing it below; `sluice jobs` shows it and `sluice submit`
/// runs it.
public enum ExampleJobs {
    public static let all: [JobDefinition] = [
        WordCount.definition,
        InvertedIndex.definition,
        TopN.definition,
        PageRank.definition,
        Sessionize.definition,
        TPCHQuery1.definition,
    ]
}
