import Foundation
import Ingest
import Tabular
import TestSupport

/// The corpus of defective inputs: committed files of `BadInputCorpus/` for small text,
/// files made at test time for large ones, zips and workbooks (built in code).
enum BadInputCorpus {
    static let header = "CODGEO;P21_POP;MED21;LIBGEO\n"
    static let epciHeader = ["EPCI", "LIBEPCI", "NATURE_EPCI", "NB_COM"]
    static let tenMegabytes = 10 << 20

    static let cases: [BadInput] = delimitedText + values + archives + melodi + otherCommands

    /// Structure and encoding of delimited text, plain or gzip.
    static let delimitedText: [BadInput] = [
        .corpus("empty-2021.csv", .refused(": the file is empty")),
        .corpus("blank-lines-only-2021.csv", .refused(": the file is empty")),
        .corpus("header-only-2021.csv", .refused(":2: the file has a header but no data rows")),
        .corpus("bom-at-start-2021.csv", .loaded(1, observationsOfTheFile, [
            "01001 | COM | MED21 | 25820.0 | ok", "01001 | COM | P21_POP | 848.0 | ok",
        ])),
        .corpus("bom-in-the-middle-2021.csv", .rejected(loaded: 2, [
            Rejection(line: 3, column: "CODGEO", value: "\u{FEFF}01002", reason: Reason.notACommuneCode),
        ])),
        .corpus("regions-mixed-encoding-2024.csv", .rejected(loaded: 3, [
            Rejection(line: 4, column: nil, value: nil, reason: CSVDefect.invalidUTF8(byteOffset: 24).reason),
        ], query: "SELECT reg, libelle FROM cog_regions ORDER BY reg", rows: [
            "11 | Île-de-France", "24 | Centre-Val de Loire", "84 | Auvergne-Rhône-Alpes",
        ])),
        .corpus("unterminated-quote-2021.csv", .refused(
            ":3, column 4: a quoted field opened on this line is never closed: the file is truncated or its quotes are unbalanced")),
        .corpus("nul-byte-2021.csv", .rejected(loaded: 2, [
            Rejection(line: 3, column: nil, value: nil, reason: CSVDefect.nulByte.reason),
        ])),
        .generated("ten-megabyte-name-2021.csv", .loaded(2, "SELECT DISTINCT territory_code FROM observations WHERE file_id = 2 ORDER BY 1", ["01001", "01002"])) {
            Array((header + "01001;848;25820;").utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: tenMegabytes) + Array("\n01002;12;100;B\n".utf8)
        },
        .generated("ten-megabyte-number-2021.csv", .rejected(loaded: 1, [
            Rejection(line: 2, column: "P21_POP", value: String(repeating: "1", count: 1000), reason: Reason.notANumber),
        ])) {
            Array((header + "01001;").utf8) + [UInt8](repeating: UInt8(ascii: "1"), count: tenMegabytes) + Array(";25820;A\n01002;12;100;B\n".utf8)
        },
        .corpus("cc_filosofi_2021_COM.csv", .refused(
            ":1: the header is delimited by ',', but source filosofi-commune-2021 is published with ';': re-export the file with ';' or name the right source with --source")),
        .corpus("pipe-delimited-2021.csv", .refused(":1: the first line has no ';', ',' or tab: this is not a delimited text file")),
        .corpus("column-count-changes-2021.csv", .rejected(loaded: 2, [
            Rejection(line: 3, column: nil, value: "01002;12;100;B;extra", reason: Reason.fields(5)),
            Rejection(line: 4, column: nil, value: "01003;5;5", reason: Reason.fields(3)),
        ])),
        .corpus("duplicate-header-2021.csv", .refused(
            ":1, column P21_POP: column name 'P21_POP' appears twice in the header (columns 2 and 4); rename one of them")),
        .corpus("blank-lines-inside-2021.csv", .rejected(loaded: 1, [
            Rejection(line: 5, column: "P21_POP", value: "douze", reason: Reason.notANumber),
        ])),
        .corpus("utf16le-2021.csv", .refused(": the file is UTF-16 (byte order mark found); re-save it as UTF-8 or Windows-1252")),
        .corpus("utf16be-2021.csv", .refused(": the file is UTF-16 (byte order mark found); re-save it as UTF-8 or Windows-1252")),
        .corpus("utf16-without-bom-2021.csv", .refused(":1: the header line cannot be read: \(CSVDefect.nulByte.reason)")),
        .corpus("binary-2021.csv", .refused(":1: the first line has no ';', ',' or tab: this is not a delimited text file")),
        .generated("folder-binary-2021.csv", throughFolder: true, .skipped("the first line has no ';', ',' or tab: this is not a delimited text file")) {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        },
        .corpus("truncated-2021.csv.gz", .refused(": the gzip stream ends early: the file is truncated")),
        .corpus("corrupt-2021.csv.gz", .refused(": the gzip stream is corrupt: invalid distance too far back")),
    ]

    /// Codes, numbers, markers and dates.
    static let values: [BadInput] = [
        .corpus("duplicate-key-2021.csv", .rejected(loaded: 2, [
            Rejection(line: 4, column: "CODGEO", value: "01001", reason: "duplicate key: CODGEO 01001 already on line 2"),
        ])),
        .corpus("lost-leading-zeros-2021.csv", .refused(
            ":3, column CODGEO, value '1001': 2 codes lost their leading zero (column CODGEO; first: '1001' on line 3). The file was probably saved by a spreadsheet. Re-export it with codes as text, or re-run with --repair-leading-zeros to pad them with a zero (the repair is recorded).")),
        .corpus("lost-leading-zeros-2021.csv", options: IngestOptions(repairLeadingZeros: true), .loaded(3, """
            SELECT DISTINCT territory_code, repairs FROM observations JOIN files USING (file_id) WHERE file_id = 2 ORDER BY 1
            """, [
            "01001 | leading zero restored on 2 codes (CODGEO)", "01002 | leading zero restored on 2 codes (CODGEO)",
            "62498 | leading zero restored on 2 codes (CODGEO)",
        ])),
        .corpus("corsica-2021.csv", .loaded(2, observationsOfTheFile, [
            "2A004 | COM | MED21 | 21890.0 | ok", "2A004 | COM | P21_POP | 71361.0 | ok",
            "2B033 | COM | MED21 | 20790.0 | ok", "2B033 | COM | P21_POP | 48503.0 | ok",
        ])),
        .corpus("invalid-codes-2021.csv", .rejected(loaded: 1, [
            Rejection(line: 2, column: "CODGEO", value: "2C001", reason: Reason.notACommuneCode),
            Rejection(line: 3, column: "CODGEO", value: "624980", reason: Reason.notACommuneCode),
            Rejection(line: 4, column: "CODGEO", value: "62 49", reason: Reason.notACommuneCode),
            Rejection(line: 5, column: "CODGEO", value: "ABCDE", reason: Reason.notACommuneCode),
        ])),
        // A count (declared under `counts:` in its source) below zero rejects the row; a
        // negative value of another variable (a median here, a share of taxes below) loads.
        .corpus("negative-counts-2021.csv", .rejected(loaded: 2, [
            Rejection(line: 2, column: "P21_POP", value: "-848", reason: Reason.negativeCount("P21_POP", "insee-commune-wide")),
            Rejection(line: 4, column: "P21_POP", value: "-0,5", reason: Reason.negativeCount("P21_POP", "insee-commune-wide")),
        ], query: observationsOfTheFile, rows: [
            "01002 | COM | MED21 | -5.0 | ok", "01002 | COM | P21_POP | 12.0 | ok",
            "01004 | COM | MED21 | -1.5 | ok", "01004 | COM | P21_POP | NULL | secret",
        ])),
        .corpus("filosofi-negative-households.csv", .rejected(loaded: 1, [
            Rejection(line: 2, column: "NBMENFISC21", value: "-12", reason: Reason.negativeCount("NBMENFISC21", "filosofi-commune-2021")),
            Rejection(line: 4, column: "NBPERSMENFISC21", value: "-31000", reason: Reason.negativeCount("NBPERSMENFISC21", "filosofi-commune-2021")),
        ], query: observationsOfTheFile, rows: [
            "01002 | COM | MED21 | 20500.0 | ok", "01002 | COM | NBMENFISC21 | 110.0 | ok", "01002 | COM | NBPERSMENFISC21 | 250.0 | ok",
            "01002 | COM | PIMPOT21 | -13.9 | ok", "01002 | COM | TP6021 | NULL | secret",
        ])),
        .corpus("populations-legales-negative-2021.csv", .rejected(loaded: 1, [
            Rejection(line: 3, column: "PCAP", value: "-6", reason: Reason.negativeCount("PCAP", "populations-legales")),
        ], query: observationsOfTheFile, rows: [
            "01001 | COM | PCAP | 16.0 | ok", "01001 | COM | PMUN | 832.0 | ok", "01001 | COM | PTOT | 848.0 | ok",
        ])),
        .corpus("non-numeric-2021.csv", .rejected(loaded: 1, [
            Rejection(line: 2, column: "P21_POP", value: "douze", reason: Reason.notANumber),
            Rejection(line: 3, column: "P21_POP", value: "12 %", reason: Reason.notANumber),
            Rejection(line: 4, column: "P21_POP", value: "NaN", reason: Reason.notANumber),
            Rejection(line: 5, column: "P21_POP", value: "n/a", reason: Reason.notANumber),
            Rejection(line: 6, column: "P21_POP", value: "x", reason: Reason.notANumber),
        ])),
        .corpus("thousands-separators-2021.csv", .rejected(loaded: 0, [
            Rejection(line: 2, column: "P21_POP", value: "1 234", reason: Reason.notANumber),
            Rejection(line: 3, column: "P21_POP", value: "1\u{00A0}234", reason: Reason.notANumber),
            Rejection(line: 4, column: "P21_POP", value: "1\u{202F}234", reason: Reason.notANumber),
            Rejection(line: 5, column: "P21_POP", value: "1.234,5", reason: Reason.notANumber),
            Rejection(line: 6, column: "P21_POP", value: "1,234.5", reason: Reason.notANumber),
            Rejection(line: 7, column: "P21_POP", value: " 12", reason: Reason.notANumber),
        ])),
        .corpus("decimal-comma-2021.csv", .loaded(3, "SELECT territory_code, value FROM v_observations WHERE file_id = 2 AND variable = 'MED21' ORDER BY 1", [
            "01001 | 25820.5", "01002 | 0.25", "01003 | 1.5",
        ])),
        .corpus("markers-2021.csv", .loaded(5, "SELECT territory_code, value, status FROM v_observations WHERE file_id = 2 AND variable = 'MED21' ORDER BY 1", [
            "01001 | NULL | secret", "01002 | NULL | missing", "01003 | NULL | missing", "01004 | NULL | not-applicable", "01005 | NULL | missing",
        ])),
        .corpus("mouvements-date-formats-2024.csv", .rejected(loaded: 2, [
            Rejection(line: 3, column: "DATE_EFF", value: "01/01/2024", reason: Reason.notADate),
            Rejection(line: 4, column: "DATE_EFF", value: "2024/01/01", reason: Reason.notADate),
            Rejection(line: 5, column: "DATE_EFF", value: "20240101", reason: Reason.notADate),
            Rejection(line: 6, column: "DATE_EFF", value: "2024-1-1", reason: Reason.notADate),
            Rejection(line: 7, column: "DATE_EFF", value: "2024-02-30", reason: Reason.notADate),
            Rejection(line: 8, column: "DATE_EFF", value: "2023-02-29", reason: Reason.notADate),
            Rejection(line: 10, column: "DATE_EFF", value: "2024-13-01", reason: Reason.notADate),
            Rejection(line: 11, column: "DATE_EFF", value: "1-01-2024", reason: Reason.notADate),
            Rejection(line: 12, column: "DATE_EFF", value: "2024-01-01T00:00:00", reason: Reason.notADate),
            Rejection(line: 13, column: "DATE_EFF", value: "", reason: "a value is required"),
        ], query: "SELECT date_eff FROM cog_mouvements ORDER BY 1", rows: ["2024-01-01", "2024-02-29"])),
    ]

    /// Zip containers and XLSX workbooks, built in code (INSEE's EPCI list layout).
    static let archives: [BadInput] = [
        .generated("EPCI_au_01-01-2024.xlsx", .loaded(1, "SELECT epci, epci_name, nb_com FROM epci_list", ["200000172 | CC Faucigny-Glières | 7"])) {
            epciWorkbook(rows: [["200000172", "CC Faucigny-Glières", "CC", "7"]])
        },
        .generated("EPCI-row-rejected-2024.xlsx", .rejected(loaded: 1, [
            Rejection(line: 4, column: "NB_COM", value: "douze", reason: "not an integer"),
        ])) {
            epciWorkbook(rows: [["200000172", "CC Faucigny-Glières", "CC", "7"], ["200000173", "CC Douze", "CC", "douze"]])
        },
        .generated("EPCI-truncated-2024.xlsx", .refused(
            ": the zip archive is truncated or not a zip: no end-of-central-directory record; download it again")) {
            let whole = epciWorkbook(rows: [["200000172", "CC Faucigny-Glières", "CC", "7"]])
            return Array(whole.prefix(whole.count / 2))
        },
        .generated("members-escaping-2024.zip", .refused(
            ": a zip archive that is neither an XLSX workbook nor a Melodi dataset (no DS_…_data.csv member): its members are not read; extract the CSV member and ingest it")) {
            zipArchive([ZipMember("../x.csv", header + "01001;848;25820;A\n"), ZipMember("/tmp/y.csv", header)])
        },
        .generated("EPCI-part-escaping-2024.xlsx", .refused(
            ": the part xl/../../../x.xml of sheet 'EPCI' is missing from the archive; open and save the file again in a spreadsheet")) {
            workbookWithoutSheetPart(target: "../../../x.xml")
        },
        .generated("EPCI-missing-sheet-part-2024.xlsx", .refused(
            ": the part xl/worksheets/sheet1.xml of sheet 'EPCI' is missing from the archive; open and save the file again in a spreadsheet")) {
            workbookWithoutSheetPart(target: "worksheets/sheet1.xml")
        },
        .generated("EPCI-no-known-sheet-2024.xlsx", .refused(startingWith:
            ": no workbook source matches a sheet of this file (sheets: Feuil1). Use --source ID to force one. Known sources:")) {
            workbook([(name: "Feuil1", rows: inlineRow(1, epciHeader))])
        },
        .generated("EPCI-shared-string-out-of-range-2024.xlsx", .refused(
            ":2, column B2, value '9': cell B2 refers to shared string 9, and the workbook has 4; open and save the file again in a spreadsheet")) {
            let header = "<row r=\"1\">" + (0..<4).map { "<c r=\"\(["A", "B", "C", "D"][$0])1\" t=\"s\"><v>\($0)</v></c>" }.joined() + "</row>"
            let row = "<row r=\"2\"><c r=\"A2\"><v>200000172</v></c><c r=\"B2\" t=\"s\"><v>9</v></c></row>"
            return workbook([(name: "EPCI", rows: header + row)], sharedStrings: epciHeader.map { "<t>\($0)</t>" })
        },
        .generated("EPCI-truncated-sheet-xml-2024.xlsx", .refused(
            "!xl/worksheets/sheet1.xml: the XML has an attribute without a value in <c> (byte 376): the part is truncated or damaged; download the file again")) {
            workbook([(name: "EPCI", rows: inlineRow(1, epciHeader) + "<row r=\"2\"><c r=\"A2\"")])
        },
        // Found by fuzzing: cells before any <row> were read as row 0.
        .generated("EPCI-cell-outside-row-2024.xlsx", .refused(
            ", column A1: a cell is outside any row (before the first row); open and save the file again in a spreadsheet")) {
            let header = inlineRow(1, epciHeader)
            return workbook([(name: "EPCI", rows: String(header.drop { $0 != ">" }.dropFirst()) + inlineRow(2, ["200000172", "CC Faucigny-Glières", "CC", "7"]))])
        },
        // The row after one numbered Int.max overflowed: a trap (found reviewing the fuzz finding above).
        .generated("EPCI-row-number-too-large-2024.xlsx", .refused(
            ", value '9223372036854775807': the row after row 1 is numbered '9223372036854775807', not a row number (1 to 1048576); open and save the file again in a spreadsheet")) {
            let huge = inlineRow(2, ["200000172", "CC Faucigny-Glières", "CC", "7"]).replacingOccurrences(of: "<row r=\"2\">", with: "<row r=\"9223372036854775807\">")
            return workbook([(name: "EPCI", rows: inlineRow(1, epciHeader) + huge + "<row><c t=\"inlineStr\"><is><t>200000173</t></is></c></row>")])
        },
        .generated("EPCI-rows-out-of-order-2024.xlsx", .refused(
            ":2: row 2 comes after row 3: the rows are out of order; open and save the file again in a spreadsheet")) {
            workbook([(name: "EPCI", rows: inlineRow(1, epciHeader) + inlineRow(3, ["200000172", "CC Faucigny-Glières", "CC", "7"])
                + inlineRow(2, ["200000173", "CC Douze", "CC", "12"]))])
        },
        // Headed with labels, stored under codes: the rejection names the code (as for a value that is not a number).
        .generated("ensemble-negative-population-2022.xlsx", .rejected(loaded: 1, [
            Rejection(line: 4, column: "PMUN", value: "-267", reason: Reason.negativeCount("PMUN", "populations-legales-ensemble")),
        ], query: observationsOfTheFile, rows: [
            "01001 | COM | PCAP | 16.0 | ok", "01001 | COM | PMUN | 832.0 | ok", "01001 | COM | PTOT | 848.0 | ok",
        ])) {
            let header = ["Code région", "Code département", "Code commune", "Nom de la commune", "Population municipale",
                          "Population comptée à part", "Population totale"]
            func row(_ number: Int, _ commune: String, _ name: String, _ counts: [Int]) -> String {
                let text = String(inlineRow(number, ["84", "01", commune, name]).dropLast("</row>".count))
                return text + zip(["E", "F", "G"], counts).map { "<c r=\"\($0)\(number)\"><v>\($1)</v></c>" }.joined() + "</row>"
            }
            return workbook([(name: "Communes", rows: inlineRow(1, ["Populations légales 2022"]) + inlineRow(2, header)
                + row(3, "001", "L'Abergement-Clémenciat", [832, 16, 848]) + row(4, "002", "L'Abergement-de-Varey", [-267, 6, -261]))])
        },
        .generated("EPCI-duplicate-header-2024.xlsx", .refused(
            ":1, column NB_COM: column name 'NB_COM' appears twice in the header (columns 4 and 5); rename one of them")) {
            workbook([(name: "EPCI", rows: inlineRow(1, epciHeader + ["NB_COM"]))])
        },
        .generated("EPCI-encrypted-2024.xlsx", .refused(
            "!xl/workbook.xml: the member is encrypted; save the file again without a password")) {
            zipArchive([ZipMember("xl/workbook.xml", "<workbook/>", encrypted: true)])
        },
        .generated("EPCI-bzip2-member-2024.xlsx", .refused(
            "!xl/workbook.xml: the member uses compression method 12, and only stored (0) and deflate (8) are read; save the file again with standard zip compression")) {
            zipArchive([ZipMember("xl/workbook.xml", "<workbook/>", method: 12)])
        },
    ]

    /// INSEE's EPCI sheet: the header then `rows`, inline strings, under a title row.
    static func epciWorkbook(rows: [[String]]) -> [UInt8] {
        let sheet = inlineRow(1, ["Liste des EPCI au 1er janvier 2024"]) + inlineRow(2, epciHeader)
            + rows.enumerated().map { inlineRow($0.offset + 3, $0.element) }.joined()
        return workbook([(name: "EPCI", rows: sheet)])
    }

    /// A workbook whose only sheet, EPCI, points at `target` with no such member in the archive.
    static func workbookWithoutSheetPart(target: String) -> [UInt8] {
        let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        let relationships = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
        return zipArchive([
            ZipMember("xl/workbook.xml", "<workbook \(main) \(relationships)><sheets><sheet name=\"EPCI\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ZipMember("xl/_rels/workbook.xml.rels",
                      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(type)\" Target=\"\(target)\"/></Relationships>"),
        ])
    }
}
