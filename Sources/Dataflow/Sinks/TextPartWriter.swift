import SluiceCore

/// Writes one partition as the text file `part-NNNNN` in an output folder, one element per line,
/// through a buffer; the file appears whole when closed (the file system publishes at close).
struct TextPartWriter {
    static func partFileName(_ partition: Int) -> String {
        let digits = String(partition)
        return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    private let file: any WritableFile
    private var buffer: [UInt8] = []
    private(set) var lineCount = 0
    private(set) var byteCount = 0

    init(fileSystem: any FileSystem, folder: String, partition: Int) throws {
        file = try fileSystem.create("\(folder)/\(TextPartWriter.partFileName(partition))", overwrite: true)
        buffer.reserveCapacity(1 << 20)
    }

    mutating func writeLine(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(0x0A)
        lineCount += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private mutating func flush() throws {
        try file.write(buffer)
        byteCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        do {
            if !buffer.isEmpty { try flush() }
            try file.close()
        } catch {
            file.abort()
            throw error
        }
    }

    func abort() {
        file.abort()
    }
}
