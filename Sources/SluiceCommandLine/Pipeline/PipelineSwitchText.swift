import Streaming

/// What `reprocess` and `batch` print when readers moved to a new generation.
enum PipelineSwitchText {
    static func print(_ outcome: PipelineGenerationSwitch, runner: PipelineRunner) {
        let output = StandardOutput()
        var line = "\(runner.definition.name): readers switched to generation \(outcome.generation)"
        if outcome.handedOver { line += " (by the running pipeline)" }
        output.write(line + "\n")
        if let version = outcome.masterVersion, let cut = outcome.cutOffsets {
            output.write("batch view: master dataset version \(version); speed layer from offsets \(cut.map(String.init).joined(separator: ","))\n")
        }
        if let master = outcome.batchLayerMaster, let tasks = outcome.batchLayerTaskCount {
            output.write("batch layer: \(tasks) tasks on \(master)\n")
        }
        output.write("query: " + runner.definition.servedNames.joined(separator: ", ") + "\n")
        output.flush()
    }
}
