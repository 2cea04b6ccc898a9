import Tabular
import Testing
import TestSupport

/// What reading a whole sheet gives.
struct SheetResult {
    var sheetName: String
    var header: [String]
    var headerRow: Int
    var records: [ReadRecord]

    var rows: [[String]] { records.map(\.fields) }
    var lines: [Int] { records.map(\.line) }
}

/// Writes `bytes` as a workbook and reads one sheet of it whole.
func readSheet(_ bytes: [UInt8], sheet: String? = nil, isHeader: ([String]) -> Bool = { _ in true }) throws -> SheetResult {
    try withScratch { scratch in
        let reader = try XLSXReader(path: try scratch.write("fixture.xlsx", bytes: bytes), sheet: sheet, isHeader: isHeader)
        var records: [ReadRecord] = []
        try reader.forEachRecord { records.append(ReadRecord(line: $0.line, fields: $0.strings, defect: $0.defect)) }
        #expect(reader.encodingDescription == "xlsx sheet \(reader.sheetName)")
        #expect(reader.delimiterDescription == nil)
        return SheetResult(sheetName: reader.sheetName, header: reader.header, headerRow: reader.headerRow, records: records)
    }
}

/// Sheets are read as tables: cells by column, values as a spreadsheet shows them.
@Suite("XLSXReader")
struct XLSXReaderTests {
    @Test("shared strings, rich text runs without phonetic runs, inline strings and typed cells")
    func cellTypes() throws {
        let shared = ["<t>code</t>", "<t>libellé</t>", "<r><t>Saint-</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">Étienne </t></r>",
                      "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh>", "<t/>"]
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><r><t>42</t></r>
            <r><t>218</t></r></is></c><c r="B2" t="s"><v>2</v></c></row>
            <row r="3"><c r="A3" t="str"><f>A2&amp;"x"</f><v>42218x</v></c><c r="B3" t="s"><v>3</v></c></row>
            <row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="e"><v>#N/A</v></c></row>
            <row r="5"><c r="A5" t="s"><v>4</v></c><c r="B5" t="inlineStr"><is><t>x</t></is></c></row>
            """
        let result = try readSheet(workbook([("Feuil1", rows)], sharedStrings: shared))
        #expect(result.header == ["code", "libellé"])
        #expect(result.headerRow == 1)
        #expect(result.sheetName == "Feuil1")
        #expect(result.rows == [["42218", "Saint-Étienne "], ["42218x", "東京"], ["1", "#N/A"], ["", "x"]])
        #expect(result.lines == [2, 3, 4, 5])
    }

    @Test("cells go to the column of their reference; cells without one follow the previous")
    func sparseCells() throws {
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>\
            <c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c></row>
            <row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row>
            <row><c><v>5</v></c><c/><c><v>7</v></c></row>
            <row r="9"><c r="D9"><v>4</v></c></row>
            <row r="10"><c r="B10" s="3"/><c r="C10" t="inlineStr"></c></row>
            """
        let result = try readSheet(workbook([("S", rows)]))
        #expect(result.rows == [["1", "", "3", ""], ["5", "", "7", ""], ["", "", "", "4"]])
        // The row without `r` follows row 2; the styled but empty row 10 is skipped.
        #expect(result.lines == [2, 3, 9])
    }

    @Test("integral numbers are written as integers, other numbers as written")
    func numbers() throws {
        let values = ["4.0", "2.00000172E8", "392", "0.5", "12.75", "-3.0", "1001", "1E+15", "1.5E-3"]
        let cells = values.enumerated().map { "<c r=\"\(Array("ABCDEFGHI")[$0.offset])2\" t=\"n\"><v>\($0.element)</v></c>" }
        let header = inlineRow(1, values.indices.map { "n\($0)" })
        let result = try readSheet(workbook([("S", header + "<row r=\"2\">" + cells.joined() + "</row>")]))
        #expect(result.rows == [["4", "200000172", "392", "0.5", "12.75", "-3", "1001", "1E+15", "1.5E-3"]])
    }

    @Test("title and note rows above the header are passed over; header names are trimmed")
    func titleRows() throws {
        let rows = [inlineRow(1, ["Populations légales 2022"]), inlineRow(2, ["Source : Insee"]),
                    "<row r=\"3\"/>", inlineRow(5, [" CODGEO", "LIBGEO\n", "", "P22_POP", ""]),
                    inlineRow(6, ["01001", "L'Abergement-Clémenciat", "", "859"]), "<row r=\"7\"></row>",
                    inlineRow(8, ["01002"])].joined()
        var seen: [[String]] = []
        let result = try readSheet(workbook([("Communes", rows)])) { cells in
            seen.append(cells)
            return cells.contains("CODGEO")
        }
        #expect(seen == [["Populations légales 2022"], ["Source : Insee"], ["CODGEO", "LIBGEO", "", "P22_POP"]])
        #expect(result.header == ["CODGEO", "LIBGEO", "", "P22_POP"])
        #expect(result.headerRow == 5)
        #expect(result.rows == [["01001", "L'Abergement-Clémenciat", "", "859"], ["01002", "", "", ""]])
        #expect(result.lines == [6, 8])
    }

    @Test("no header in the first 100 rows is an error that shows the first rows")
    func headerNotFound() throws {
        let rows = [inlineRow(1, ["Populations légales", "2022"]), inlineRow(2, ["Source : Insee"])]
            + (3...120).map { inlineRow($0, ["\($0)"]) }
        let error = tabularError { _ = try readSheet(workbook([("Communes", rows.joined())])) { $0.contains("CODGEO") } }
        #expect(error?.code == .headerNotFound)
        #expect(error?.message.contains("'Communes'") == true)
        #expect(error?.message.contains("row 1: 'Populations légales', '2022'; row 2: 'Source : Insee'") == true)
    }

    @Test("an unknown sheet name is an error listing the sheets; no name means the first sheet")
    func sheets() throws {
        let bytes = workbook([("Documentation", inlineRow(1, ["doc"])), ("Communes", inlineRow(1, ["CODGEO"]))])
        let names = try withScratch { scratch in try XLSXWorkbook(path: try scratch.write("book.xlsx", bytes: bytes)).sheetNames }
        #expect(names == ["Documentation", "Communes"])
        #expect(try readSheet(bytes).header == ["doc"])
        #expect(try readSheet(bytes, sheet: "Communes").header == ["CODGEO"])
        let error = tabularError { _ = try readSheet(bytes, sheet: "COM") }
        #expect(error?.code == .sheetNotFound)
        #expect(error?.message.contains("'Documentation', 'Communes'") == true)
        #expect(error?.value == "COM")
    }

    @Test("entities, CDATA, comments and namespace prefixes are understood")
    func xmlSyntax() throws {
        let shared = ["<t>Saint-Cyr &amp; Mont&#233;e &#xE9;t&#xe9; &lt;1&gt; &quot;q&quot; &apos;a&apos;</t>"]
        let rows = """
            <!-- generated --><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a&amp;b</x:t></x:is></x:c>\
            <x:c r='B1' t="s"><x:v>0</x:v></x:c></x:row>
            <x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t><![CDATA[<b> & </b>]]></x:t></x:is></x:c>\
            <x:c r="B2" t="inlineStr"><x:is><x:t>&unknown; &#1 &amp</x:t></x:is></x:c></x:row>
            """
        let result = try readSheet(workbook([("S", rows)], sharedStrings: shared))
        #expect(result.header == ["a&b", "Saint-Cyr & Montée été <1> \"q\" 'a'"])
        #expect(result.rows == [["<b> & </b>", "&unknown; &#1 &amp"]])
    }

    @Test("tokens cut by the end of a read chunk, and a text larger than a chunk, read whole")
    func chunkBoundaries() throws {
        let long = String(repeating: "Montée-", count: 60_000)
        var rows = inlineRow(1, ["code", "texte"]) + "<row r=\"2\"><c r=\"A2\"><v>0</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row>"
        var expected = [["0", long]]
        for number in 3...20_000 {
            rows += "<!-- row \(number) --><row r=\"\(number)\"><c r=\"A\(number)\" t=\"inlineStr\"><is><t><![CDATA[\(number)]]></t></is></c>"
                + "<?pi \(number)?><c r=\"B\(number)\" t=\"str\"><v>n&#xB0; \(number) &amp; suite</v></c></row>"
            expected.append(["\(number)", "n° \(number) & suite"])
        }
        let result = try readSheet(workbook([("S", rows)]))
        #expect(result.rows == expected)
    }

    @Test("a non-empty cell beyond the header makes a wider record; empty ones are dropped")
    func widerThanHeader() throws {
        let rows = inlineRow(1, ["a", "b"]) + inlineRow(2, ["1", "2", "", "extra"])
            + "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"D3\" t=\"inlineStr\"></c></row>"
        let result = try readSheet(workbook([("S", rows)]))
        #expect(result.rows == [["1", "2", "", "extra"], ["1", ""]])
    }

    @Test("duplicate header names are refused as for CSV")
    func duplicateHeader() throws {
        let error = tabularError { _ = try readSheet(workbook([("S", inlineRow(3, ["COM", "POP", "COM "]))])) }
        #expect(error?.code == .duplicateHeader)
        #expect(error?.line == 3)
        #expect(error?.column == "COM")
    }

    @Test("a shared string index out of range names the row and the cell")
    func sharedStringOutOfRange() throws {
        let rows = inlineRow(1, ["a"]) + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>"
        let error = tabularError { _ = try readSheet(workbook([("S", rows)], sharedStrings: ["<t>a</t>"])) }
        #expect(error?.code == .corruptWorkbook)
        #expect(error?.line == 2)
        #expect(error?.column == "A2")
    }

    @Test("XML that ends inside a tag is an error")
    func malformedXML() throws {
        let bytes = zipArchive([
            ZipMember("xl/workbook.xml", "<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"),
            ZipMember("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"/xl/worksheets/s.xml\"/></Relationships>"),
            ZipMember("xl/worksheets/s.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr"),
        ])
        let error = tabularError { _ = try readSheet(bytes) }
        #expect(error?.code == .malformedXML)
        #expect(error?.path?.hasSuffix("fixture.xlsx!xl/worksheets/s.xml") == true)
    }

    @Test("a zip without xl/workbook.xml is not a workbook")
    func notAWorkbook() throws {
        let error = tabularError { _ = try readSheet(zipArchive([ZipMember("content.xml", "<office:document/>")])) }
        #expect(error?.code == .notAWorkbook)
    }

    @Test("a workbook cut in half is a truncated archive")
    func truncatedWorkbook() throws {
        let bytes = workbook([("S", (1...2_000).map { inlineRow($0, ["\($0)", "commune \($0)"]) }.joined())])
        let error = tabularError { _ = try readSheet(Array(bytes.prefix(bytes.count / 2))) }
        #expect(error?.code == .truncatedArchive)
    }
}
