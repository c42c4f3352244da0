#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Where a job's tasks run: `local[N]` threads in this process, or the workers of a coordinator.
public enum Master: Sendable, Equatable, CustomStringConvertible {
    /// `N` task threads in this process.
    case local(threadCount: Int)
    /// A coordinator at `host:port` and its registered workers.
    case cluster(host: String, port: Int)

    /// Parses `local`, `local[N]`, `local[*]` or `sluice://HOST:PORT`.
    ///
    /// - Throws: `SluiceError.userInput` naming the accepted forms.
    public init(parsing text: String) throws {
        if text == "local" {
            self = .local(threadCount: 1)
        } else if text.hasPrefix("local[") && text.hasSuffix("]") {
            let inside = text.dropFirst("local[".count).dropLast()
            if inside == "*" {
                self = .local(threadCount: Master.processorCount)
            } else if let count = Int(inside), count > 0 {
                self = .local(threadCount: count)
            } else {
                throw SluiceError.userInput("master '\(text)': the thread count must be a positive number or *")
            }
        } else if text.hasPrefix("sluice://") {
            let address = text.dropFirst("sluice://".count)
            guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
                  colon > address.startIndex else {
                throw SluiceError.userInput("master '\(text)': expected sluice://HOST:PORT")
            }
            self = .cluster(host: String(address[..<colon]), port: port)
        } else {
            throw SluiceError.userInput("unknown master '\(text)'; expected local, local[N], local[*] or sluice://HOST:PORT")
        }
    }

    public var description: String {
        switch self {
        case .local(let threadCount): "local[\(threadCount)]"
        case .cluster(let host, let port): "sluice://\(host):\(port)"
        }
    }

    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
