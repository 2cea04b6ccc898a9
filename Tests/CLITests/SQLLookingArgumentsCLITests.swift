import Foundation
import Testing

/// SQL-looking arguments to the reading commands: a clean failure (exit 1 and a message
/// quoting the argument) or a clean answer, and the warehouse answers as before.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
struct SQLLookingArgumentsCLITests {
    @Test func readingCommandsFailCleanlyAndLeaveTheWarehouseAsItWas() throws {
        let directory = try Observatoire.temporaryDirectory()
        let warehouse = directory.appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["run", "--warehouse", warehouse, "--raw", "raw/demo", "--quiet"]).status == 0)
        let reference = directory.appendingPathComponent("reference.csv").path
        let export = ["export", "--warehouse", warehouse, "--indicators", "population,nombre_menages_fiscaux", "--level", "epci", "--output"]
        #expect(try Observatoire.run(export + [reference]).status == 0)

        let cases: [(arguments: [String], status: Int32, message: String)] = [
            (["export", "--warehouse", warehouse, "--indicators", "population", "--level", "epci",
              "--within", "x'; DROP TABLE files; --", "--output", directory.appendingPathComponent("x.csv").path],
             1, "no territory named 'x'; DROP TABLE files; --' in geography 2024"),
            (["export", "--warehouse", warehouse, "--indicators", "population,a'b\"); DROP TABLE indicators; --", "--level", "epci",
              "--output", directory.appendingPathComponent("y.csv").path],
             1, "no computed indicator 'a'b\"); DROP TABLE indicators; --'"),
            (["territories", "show", "--warehouse", warehouse, "ZONE:a'b\"c"], 1, "no territory ZONE:a'b\"c in geography 2024"),
            (["territories", "search", "--warehouse", warehouse, "'; DROP TABLE territories; --"], 1,
             "no territory matches ''; DROP TABLE territories; --'"),
            (["reconcile", "--warehouse", warehouse, "--indicators", "a'b"], 1, "no computed indicator 'a'b'"),
        ]
        for (arguments, status, message) in cases {
            let result = try Observatoire.run(arguments)
            #expect(result.status == status, "\(arguments): \(result.errors)")
            #expect((result.output + result.errors).contains(message), "\(result.output)\(result.errors)")
        }

        let again = directory.appendingPathComponent("again.csv").path
        #expect(try Observatoire.run(export + [again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: reference)))
        let status = try Observatoire.run(["status", "--warehouse", warehouse])
        #expect(status.status == 0)
        #expect(status.output.contains("filosofi-commune-2021"))
    }
}
