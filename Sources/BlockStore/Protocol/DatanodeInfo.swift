/// A datanode as the namenode and clients see it: a stable identity (kept in the datanode's data
/// folder across restarts), where its HTTP server listens (block transfer and WebHDFS on one
/// port), and its rack.
public struct DatanodeInfo: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Stable across restarts of the same datanode.
    public var datanodeUUID: String
    public var host: String
    public var port: Int
    /// A path such as `/default-rack` or `/dc1/rack2`.
    public var rack: String

    public init(datanodeUUID: String, host: String, port: Int, rack: String = DatanodeInfo.defaultRack) {
        self.datanodeUUID = datanodeUUID
        self.host = host
        self.port = port
        self.rack = rack
    }

    public static let defaultRack = "/default-rack"

    /// `HOST:PORT`.
    public var address: String { "\(host):\(port)" }

    public var description: String { "\(address) (\(datanodeUUID.prefix(8)), \(rack))" }
}
