import ArgumentParser
import Foundation
import SluiceCore
import Streaming

/// The `--broker HOST:PORT` option every topic command takes; without it, the embedded store.
struct TopicLogOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The broker to talk to (default: the embedded store in $SLUICE_HOME/broker, else ~/.sluice/broker).",
        valueName: "host:port"))
    var broker: String?

    func validate() throws {
        if let broker {
            let parts = broker.split(separator: ":")
            guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (1...65_535).contains(port) else {
                throw ValidationError("--broker must be HOST:PORT, not '\(broker)'")
            }
        }
    }

    /// The topics this command works on.
    func open() throws -> any TopicLog {
        if let broker { return BrokerClient(address: broker) }
        return try makeTopicStore(directory: Self.embeddedDirectory(environment: ProcessInfo.processInfo.environment))
    }

    /// `$SLUICE_HOME/broker`, else `~/.sluice/broker`.
    static func embeddedDirectory(environment: [String: String]) -> String {
        sluiceHome(environment: environment) + "/broker"
    }

    /// `$SLUICE_HOME`, else `~/.sluice`.
    static func sluiceHome(environment: [String: String]) -> String {
        if let home = environment["SLUICE_HOME"], !home.isEmpty { return home }
        let userHome = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return userHome + "/.sluice"
    }
}
