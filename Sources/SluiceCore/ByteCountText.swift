/// Sizes written for people, as DuckDB's `memory_limit` takes them: a number (decimals allowed)
/// and a unit, KB/MB/GB/TB in powers of 1000 and KiB/MiB/GiB/TiB in powers of 1024, or B or
/// no unit for bytes; case-insensitive, with or without a space: `2GB`, `512 MiB`, `1.5gb`.
/// Printed back in powers of 1024 with one decimal: `1.5 GiB`.
public enum ByteCountText {
    /// The number of bytes `text` stands for.
    /// - Throws: `SluiceError` (user input) naming `optionName` when the text is not a size.
    public static func parse(_ text: String, optionName: String) throws -> Int {
        let trimmed = text.trimmed
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let unit = trimmed[numberEnd...].trimmed.lowercased()
        let multipliers: [String: Double] = [
            "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let number = Double(trimmed[..<numberEnd]), let multiplier = multipliers[unit] else {
            throw SluiceError.userInput("\(optionName) '\(text)' is not a size; write a number and a unit, such as 2GB or 512MiB")
        }
        let bytes = (number * multiplier).rounded()
        guard bytes >= 1, bytes < Double(Int.max) else {
            throw SluiceError.userInput("\(optionName) '\(text)' is out of range")
        }
        return Int(bytes)
    }

    /// `bytes` for people: `512 B`, `1.5 GiB`.
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return "\(Double(Int(value * 10)) / 10) \(units[unit])"
    }
}
