import Foundation
import GRDB
import Testing

/// The demo's warehouse rows, portraits and exports, byte for byte as recorded in
/// `Tests/Golden/demo.txt`: a refactor that changes none of them keeps this test green.
/// What varies from run to run is left out: the times of runs and loads, durations, the
/// files' paths, the date in the portraits' footers, the XLSX's own creation date.
///
/// After an intended change of the outputs, record them again and commit the diff:
/// `OBSERVATOIRE_UPDATE_GOLDEN=1 swift test --filter DemoGoldenTests`.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "Python reads the XLSX's sheets"))
struct DemoGoldenTests {
    static let golden = Observatoire.packageRoot.appendingPathComponent("Tests/Golden/demo.txt")
    /// Columns whose values are those of the moment or the machine, not of the data.
    static let volatileColumns: Set<String> = ["loaded_at", "seconds", "started_at", "finished_at", "path"]

    @Test func theDemoGivesTheRecordedWarehouseAndOutputs() throws {
        let directory = try Observatoire.temporaryDirectory()
        let output = directory.appendingPathComponent("out")
        let demo = try Observatoire.run(["demo", "--warehouse", directory.appendingPathComponent("w.sqlite").path,
                                         "--output-dir", output.path, "--quiet"])
        #expect(demo.status == 0, "\(demo.errors)")
        var items = try Self.tables(of: directory.appendingPathComponent("w.sqlite").path)
        for file in try Self.files(under: output) {
            let relative = String(file.path.dropFirst(output.path.count + 1))
            items["file " + relative] = try Self.content(of: file)
        }
        let digests = items.map { "\($0.key) \(Self.digest($0.value))" }.sorted().joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["OBSERVATOIRE_UPDATE_GOLDEN"] == "1" {
            try digests.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.golden, encoding: .utf8)
        let changed = Set(digests.split(separator: "\n")).symmetricDifference(recorded.split(separator: "\n"))
            .map { String($0.split(separator: " ").dropLast().joined(separator: " ")) }
        #expect(changed.isEmpty, "changed from Tests/Golden/demo.txt: \(Set(changed).sorted())")
    }

    /// Every table but the run journal and the migrations, its rows sorted, volatile columns left out.
    static func tables(of path: String) throws -> [String: String] {
        try DatabaseQueue(path: path).read { db in
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('runs', 'grdb_migrations') AND name NOT LIKE 'sqlite_%'
                """)
            var tables: [String: String] = [:]
            for name in names {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"").map { row in
                    row.columnNames.filter { !volatileColumns.contains($0) }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: "|")
                }
                tables["table " + name] = rows.sorted().joined(separator: "\n")
            }
            return tables
        }
    }

    static func files(under folder: URL) throws -> [URL] {
        (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// A text file with its dates of production replaced; a workbook's sheets and strings.
    static func content(of file: URL) throws -> String {
        if file.pathExtension == "xlsx" {
            let script = """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1]) as z:
                    for name in sorted(n for n in z.namelist() if n.startswith('xl/worksheets/') or n == 'xl/sharedStrings.xml'):
                        print(name); print(z.read(name).decode('utf-8'))
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", script, file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.replacingOccurrences(of: #"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?"#, with: "DATE", options: .regularExpression)
    }

    /// FNV-1a, 64 bits: enough to tell a changed output from the recorded one.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return String(hash, radix: 16)
    }
}
