import Foundation

/// The programs that time the anchor tools, kept in `anchors/` beside this source file (the
/// harness runs from the checkout it was built from): Python scripts, and C sources it compiles.
enum AnchorScript {
    static func load(_ name: String) -> String {
        let path = path(of: name + ".py")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("sluice-bench: missing anchor script \(path)\n".utf8))
            exit(1)
        }
        return text
    }

    /// Where an anchor file (a script, or a source the harness compiles) is in the checkout.
    static func path(of fileName: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("anchors").appendingPathComponent(fileName).path
    }
}
