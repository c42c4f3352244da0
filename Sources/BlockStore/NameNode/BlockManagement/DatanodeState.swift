/// How the namenode sees a datanode, from the age of its last heartbeat.
public enum DatanodeState: String, Codable, Sendable, Hashable {
    /// Heartbeats arrive on time.
    case live
    /// No heartbeat for the stale interval: its replicas still count, but it gets no new
    /// replicas and readers try it last.
    case stale
    /// Declared dead by `DatanodeManager.checkLiveness()`: its replicas no longer count and it
    /// must register again before it takes part.
    case dead
}
