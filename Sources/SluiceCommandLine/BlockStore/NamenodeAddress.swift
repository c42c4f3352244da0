import Foundation
import SluiceCore

/// Where the namenode is, for commands that talk to it: `--namenode`, else `SLUICE_NAMENODE`,
/// else the running pseudo cluster.
enum NamenodeAddress {
    static func resolve(_ option: String?) throws -> String {
        if let option, !option.isEmpty { return strip(option) }
        if let variable = ProcessInfo.processInfo.environment["SLUICE_NAMENODE"], !variable.isEmpty { return strip(variable) }
        if let state = try? PseudoClusterState.load(directory: nil) { return state.namenodeAddress }
        throw SluiceError.userInput(
            "no namenode given: pass --namenode HOST:PORT, set SLUICE_NAMENODE, or start one with `sluice cluster start`")
    }

    private static func strip(_ text: String) -> String {
        var address = text
        for prefix in ["dfs://", "http://", "webhdfs://"] where address.hasPrefix(prefix) { address.removeFirst(prefix.count) }
        while address.hasSuffix("/") { address.removeLast() }
        return address
    }
}
