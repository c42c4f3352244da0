import SluiceCore

extension SluiceError {
    /// A lost commit race retold for the person at the terminal: which table, that nothing was
    /// committed, and that running the command again applies it to the new version. Other
    /// errors are returned unchanged.
    func explainingCommitConflict(table name: String) -> SluiceError {
        guard condition == .commitConflict else { return self }
        var explained = self
        explained.message = "another writer changed table '\(name)' while this command ran, and nothing was committed; "
            + "run the command again to apply it to the new version (\(message))"
        return explained
    }
}
