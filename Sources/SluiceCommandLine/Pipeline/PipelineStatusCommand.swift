import ArgumentParser
import SluiceCore
import Streaming

/// `sluice pipeline status NAME`.
struct PipelineStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show a pipeline's generations, its topic and how far each query has read.")

    @OptionGroup var pipeline: PipelineOptions

    func run() throws {
        let status = try pipeline.runner().status()
        let output = StandardOutput()
        output.write("\(status.pipelineName) (\(status.shape)): topic '\(status.sourceTopic)', end offsets "
                     + status.topicEndOffsets.map(String.init).joined(separator: ",") + "\n")
        output.write("serves: \(status.servedNames.joined(separator: ", ")) from generation \(status.currentGeneration)\n")
        for generation in status.generations {
            var line = "  generation \(generation.number): from offsets " + generation.startOffsets.map(String.init).joined(separator: ",")
            if let version = generation.masterVersion { line += ", master dataset version \(version)" }
            if let switched = generation.switchedMillis {
                line += ", readers since " + CivilTime.formatTimestamp(micros: switched * 1000)
            } else {
                line += ", not switched to"
            }
            output.write(line + "\n")
        }
        if let handed = status.handedOverGeneration { output.write("  generation \(handed) handed over, not yet taken\n") }
        for query in status.queries {
            guard let checkpoint = query.checkpoint else {
                output.write("  query \(query.name): no batch yet (lag \(query.lagRecords) records)\n")
                continue
            }
            var line = "  query \(query.name): batch \(checkpoint.batchId), at offsets "
                + checkpoint.nextOffsets.map(String.init).joined(separator: ",") + " (lag \(query.lagRecords) records)"
            if let watermark = checkpoint.watermarkMillis { line += ", watermark " + CivilTime.formatTimestamp(micros: watermark * 1000) }
            line += "; \(checkpoint.recordsRead) read, \(checkpoint.lateRecords) late, \(checkpoint.deadLetters) dead letters"
            output.write(line + "\n")
        }
        output.flush()
    }
}
