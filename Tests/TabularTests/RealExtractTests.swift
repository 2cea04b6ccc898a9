import Testing
import Tabular

/// Real INSEE extracts from `../shared/data`: the reader must read them as published.
@Suite("CSVReader: real INSEE extracts", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealExtractTests {
    @Test("COG 2017 (France2017.txt) is tab-separated Windows-1252 with CRLF")
    func cog2017() throws {
        let result = try readAll(SharedData.path("cog/2017/France2017.txt"))
        #expect(result.encoding == .windows1252)
        #expect(result.delimiter == .tab)
        #expect(!result.hadByteOrderMark)
        #expect(Array(result.header.prefix(7)) == ["ACTUAL", "CHEFLIEU", "CDC", "RANG", "REG", "DEP", "COM"])
        #expect(result.header.last == "NCCCT")
        #expect(result.records.count == 39_929)
        let abergement = try #require(result.records.first { $0.fields.contains("Abergement-Clémenciat") })
        #expect(abergement.line == 2)
        #expect(abergement.fields.contains("Châtillon-sur-Chalaronne"))
        #expect(result.records.allSatisfy { $0.defect == nil })
        // CRLF is a line ending, not data.
        #expect(result.records.allSatisfy { !($0.fields.last ?? "").hasSuffix("\r") })
    }

    @Test("Filosofi 2021 by commune has 34,909 records separated by ';'")
    func filosofiCommunes() throws {
        let result = try readAll(SharedData.path("filosofi/cc_filosofi_2021_COM.csv"))
        #expect(result.delimiter == .semicolon)
        #expect(result.encoding == .utf8)
        #expect(result.header.first == "CODGEO")
        #expect(result.header.count == 28)
        #expect(result.records.count == 34_909)
        #expect(result.records.first?.fields.prefix(4) == ["01001", "346", "895", "25820"])
        #expect(result.records.allSatisfy { $0.defect == nil && $0.fields.count == 28 })
    }

    @Test("COG 2019 communes are read through gzip with their lower-case quoted header")
    func cog2019Gzip() throws {
        let result = try readAll(SharedData.path("cog/2019/communes-2019.csv.gz"))
        #expect(result.header == ["typecom", "com", "reg", "dep", "arr", "tncc", "ncc", "nccenr", "libelle", "can", "comparent"])
        #expect(result.delimiter == .comma)
        #expect(result.encoding == .utf8)
        #expect(result.records.count == 37_932)
        #expect(result.records.first?.fields.prefix(3) == ["COM", "01001", "84"])
        #expect(result.records.first?.fields[8] == "L'Abergement-Clémenciat")
    }
}
