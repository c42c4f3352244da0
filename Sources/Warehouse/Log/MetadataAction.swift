/// The `metaData` action: the table's identity, schema, partition columns and properties.
public struct MetadataAction: Sendable, Equatable, Codable {
    public struct Format: Sendable, Equatable, Codable {
        public var provider: String
        public var options: [String: String]

        public init(provider: String = "parquet", options: [String: String] = [:]) {
            self.provider = provider
            self.options = options
        }
    }

    public var id: String
    public var name: String?
    public var description: String?
    public var format: Format
    /// The schema as Spark's JSON schema, serialized into a string.
    public var schemaString: String
    public var partitionColumns: [String]
    public var createdTime: Int64?
    public var configuration: [String: String]

    public init(id: String, name: String? = nil, description: String? = nil, format: Format = Format(),
                schemaString: String, partitionColumns: [String], createdTime: Int64?, configuration: [String: String]) {
        self.id = id
        self.name = name
        self.description = description
        self.format = format
        self.schemaString = schemaString
        self.partitionColumns = partitionColumns
        self.createdTime = createdTime
        self.configuration = configuration
    }
}
