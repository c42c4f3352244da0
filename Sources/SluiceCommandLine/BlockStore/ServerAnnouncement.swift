import SluiceCore

/// Tells the world a server role is up: a line on standard output, and the address written
/// atomically to a file for scripts and `sluice cluster start`.
enum ServerAnnouncement {
    static func announce(role: String, address: String, addressFile: String?) throws {
        let output = StandardOutput()
        output.write("\(role) listening on \(address)\n")
        output.flush()
        if let addressFile {
            try LocalFileSystem().write(Array((address + "\n").utf8), to: addressFile, overwrite: true)
        }
    }
}
