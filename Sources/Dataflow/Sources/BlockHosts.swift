import SluiceCore

/// Which hosts to prefer for a byte range of a file: those of the block that holds most of it.
enum BlockHosts {
    /// The block locations of a file, or none when the file system does not know them.
    static func blocks(of path: String, in fileSystem: any FileSystem) throws -> [FileBlockLocation] {
        try (fileSystem as? any BlockLocatingFileSystem)?.blockLocations(path) ?? []
    }

    static func hosts(for range: Range<Int>, in blocks: [FileBlockLocation]) -> [String] {
        var best: (overlap: Int, hosts: [String]) = (0, [])
        for block in blocks {
            let overlap = min(range.upperBound, block.offset + block.length) - max(range.lowerBound, block.offset)
            if overlap > best.overlap { best = (overlap, block.hosts) }
        }
        return best.hosts
    }
}
