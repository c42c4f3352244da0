import Foundation

/// The Python programs that time the anchor tools, kept as `.py` files in `anchors/` beside
/// this source file (the harness runs from the checkout it was built from).
enum AnchorScript {
    static func load(_ name: String) -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("anchors")
        let path = folder.appendingPathComponent(name + ".py").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(Data("sluice-bench: missing anchor script \(path)\n".utf8))
            exit(1)
        }
        return text
    }
}
