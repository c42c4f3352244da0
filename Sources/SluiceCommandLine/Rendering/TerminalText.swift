/// Measuring and cutting text by the columns it takes in a terminal with a monospaced font:
/// East Asian wide characters and emoji take two columns, combining marks none.
enum TerminalText {
    /// The columns `text` takes when printed.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// `text` cut to at most `widthMax` columns, ending in `…` when something was cut.
    static func truncated(_ text: String, toWidth widthMax: Int) -> String {
        guard displayWidth(text) > widthMax else { return text }
        guard widthMax > 1 else { return widthMax == 1 ? "…" : "" }
        var result = String.UnicodeScalarView()
        var usedWidth = 0
        for scalar in text.unicodeScalars {
            let scalarWidth = width(of: scalar)
            if usedWidth + scalarWidth > widthMax - 1 { break }
            result.append(scalar)
            usedWidth += scalarWidth
        }
        return String(result) + "…"
    }

    /// Line breaks, tabs and other control characters written as escapes, so a cell stays on
    /// one line and cannot move the cursor.
    static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    private static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0x200B || (0x0300...0x036F).contains(value) || (0xFE00...0xFE0F).contains(value) || value == 0x200D {
            return 0
        }
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark {
            return 0
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
