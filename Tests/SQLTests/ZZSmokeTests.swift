import Foundation
import Testing
import SluiceCore
@testable import SQL
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ZZSmokeTests {
    @Test func smoke() throws {
        guard let dir = getenv("SMOKE_DIR").map({ String(cString: $0) }) else { return }
        let catalog = WarehouseCatalog(root: "/tmp/smoke/wh")
        for t in ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"] {
            try catalog.register(name: t, path: "\(dir)/\(t).parquet")
        }
        let session = SQLSession(catalog: catalog, context: ExecutionContext(threadCount: Int(getenv("SMOKE_THREADS").map { String(cString: $0) } ?? "2") ?? 2))
        let queries = getenv("SMOKE_Q").map { String(cString: $0) }?.split(separator: ",").map(String.init) ?? (1...22).map { String(format: "%02d", $0) }
        var out = ""
        if let sql = getenv("SMOKE_SQL").map({ String(cString: $0) }) {
            for statement in sql.split(separator: "|") {
                do {
                    let r = try session.execute(String(statement))
                    let b = r.combined
                    out += "\(statement): \(b.rowCount) rows; " + (0..<min(5, b.rowCount)).map { b.row($0).map(\.description).joined(separator: "|") }.joined(separator: " ;; ") + "\n"
                } catch { out += "\(statement): ERROR \(error)\n" }
            }
            let o = fopen("/tmp/smoke/out.txt", "w")!; fputs(out, o); fclose(o)
            return
        }
        for q in queries {
            let path = "/work/main/Tests/SQLParserTests/tpch/q\(q).sql"
            let f = fopen(path, "r")!; var text = ""; var buf = [CChar](repeating: 0, count: 4096)
            while fgets(&buf, 4096, f) != nil { text += String(cString: buf) }
            fclose(f)
            if getenv("SMOKE_EXPLAIN") != nil {
                if let r = try? session.execute("EXPLAIN " + text.replacingOccurrences(of: ";", with: "")) {
                    out += "Q\(q) plan:\n" + (0..<r.rowCount).map { "\(r.combined.row($0)[0])" }.joined(separator: "\n") + "\n"
                }
            }
            do {
                let r = try session.execute(text)
                let b = r.combined
                out += "Q\(q): \(b.rowCount) rows; " + (0..<min(3, b.rowCount)).map { b.row($0).map(\.description).joined(separator: "|") }.joined(separator: " ;; ") + "\n"
            } catch {
                out += "Q\(q): ERROR \(error)\n"
            }
        }
        let o = fopen("/tmp/smoke/out.txt", "w")!; fputs(out, o); fclose(o)
    }
}
