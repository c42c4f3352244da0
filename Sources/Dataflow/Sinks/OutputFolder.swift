import SluiceCore

/// The folder a save writes its part files into.
enum OutputFolder {
    /// Makes the folder, replacing an existing one only when `overwrite` is set.
    /// - Throws: `SluiceError` (user input) when it exists and `overwrite` is false.
    static func prepare(_ folder: String, location: String, fileSystem: any FileSystem, overwrite: Bool) throws {
        if fileSystem.exists(folder) {
            guard overwrite else { throw SluiceError.userInput("output folder \(location) already exists; choose a new one or delete it first") }
            try fileSystem.delete(folder, recursive: true)
        }
        try fileSystem.makeDirectories(folder)
    }
}
