import ArgumentParser
import Streaming

/// `sluice pipeline list`.
struct PipelineListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the pipelines this binary knows.")

    func run() throws {
        let output = StandardOutput()
        let width = (InstalledPipelines.all.map(\.name.count).max() ?? 0) + 2
        for definition in InstalledPipelines.all {
            let padding = String(repeating: " ", count: width - definition.name.count)
            output.write(definition.name + padding + definition.summary + "\n")
            output.write(String(repeating: " ", count: width) + "reads topic '\(definition.sourceTopic)', serves "
                         + definition.servedNames.joined(separator: ", ") + "\n")
        }
        output.flush()
    }
}
