import SluiceCore

extension String {
    /// The names in a comma-separated list (`--columns`, `--partition-by`, `--sort-by`),
    /// trimmed, empty entries dropped.
    var columnList: [String] {
        split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
    }
}
