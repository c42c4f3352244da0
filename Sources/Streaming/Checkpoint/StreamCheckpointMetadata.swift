/// `metadata.json` of a checkpoint folder: which pipeline wrote it and its fingerprint.
struct StreamCheckpointMetadata: Sendable, Codable, Equatable {
    var formatVersion: Int
    var pipelineName: String
    var fingerprint: PipelineFingerprint
}
