import Streaming

/// The stream pipelines compiled into Sluice's own `sluice` binary: `sluice pipeline list`
/// shows them, `sluice pipeline run NAME` runs one.
public enum ExamplePipelines {
    public static let all: [PipelineDefinition] = [
        ClickstreamKappa.definition,
        ClickstreamLambda.definition,
    ]
}
