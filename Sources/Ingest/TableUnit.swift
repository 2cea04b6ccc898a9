import Catalog
import Foundation
import Tabular

/// One table to load: a delimited file, or one sheet of a workbook, with the source it
/// was recognised as. A workbook may hold several (INSEE's EPCI list and composition).
struct TableUnit {
    let definition: SourceDefinition
    let reader: any RecordReader
    /// The sheet, for a workbook.
    let sheet: String?

    /// The tables of `path`, recognised (or forced to `forcedSource`).
    static func open(path: String, catalog: SourceCatalog, forcedSource: String?) throws -> [TableUnit] {
        if try FileSignature(path: path) == .zip {
            return try openWorkbook(path: path, catalog: catalog, forcedSource: forcedSource)
        }
        var reader = try CSVReader(path: path)
        let definition: SourceDefinition
        if let forcedSource {
            definition = try catalog.definition(id: forcedSource)
            try catalog.requireColumns(of: definition, header: reader.header, path: path)
        } else {
            definition = try catalog.recognise(header: reader.header, path: path)
        }
        if (definition.delimiterByte.map { $0 != reader.delimiter } ?? false)
            || (definition.format?.encoding.map { $0 != reader.encoding } ?? false) {
            let sniffed = reader
            reader = try CSVReader(path: path, delimiter: definition.delimiterByte, encoding: definition.format?.encoding)
            if reader.header.count == 1 && sniffed.header.count > 1, let published = reader.delimiterDescription,
               let found = sniffed.delimiterDescription {
                throw TabularError(.notDelimitedText,
                                   "the header is delimited by '\(found)', but source \(definition.id) is published with '\(published)': re-export the file with '\(published)' or name the right source with --source",
                                   path: path, line: 1)
            }
        }
        return [TableUnit(definition: definition, reader: reader, sheet: nil)]
    }

    /// Every sheet of the workbook that a workbook source names and whose header it finds.
    private static func openWorkbook(path: String, catalog: SourceCatalog, forcedSource: String?) throws -> [TableUnit] {
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(path: path)
        } catch let error as TabularError where error.code == .notAWorkbook {
            throw TabularError(.unsupportedArchive,
                               "a zip archive that is not an XLSX workbook: its members are not read yet; extract the CSV member and ingest it",
                               path: path)
        }
        let candidates = try forcedSource.map { [try catalog.definition(id: $0)] } ?? catalog.definitions.filter { $0.format?.sheet != nil }
        var units: [TableUnit] = []
        var sheetsTaken: Set<String> = []
        // The most specific definitions first, so that a sheet goes to the best match.
        for definition in candidates.sorted(by: { $0.recognise.columns.count > $1.recognise.columns.count }) {
            guard let pattern = definition.format?.sheet else {
                throw CatalogError(.invalidDefinition, "source \(definition.id) reads delimited text, not a workbook sheet", path: path)
            }
            for sheet in workbook.sheetNames where !sheetsTaken.contains(sheet)
                && sheet.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil {
                let wanted = Set(definition.recognise.columns.map { $0.uppercased() })
                let reader: XLSXReader
                do {
                    reader = try XLSXReader(path: path, sheet: sheet) { row in
                        wanted.isSubset(of: Set(row.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }))
                    }
                } catch let error as TabularError where error.code == .headerNotFound && forcedSource == nil {
                    continue
                }
                sheetsTaken.insert(sheet)
                units.append(TableUnit(definition: definition, reader: reader, sheet: sheet))
            }
        }
        guard !units.isEmpty else {
            throw CatalogError(.unrecognisedFile,
                               "no workbook source matches a sheet of this file (sheets: \(workbook.sheetNames.joined(separator: ", "))). Use --source ID to force one. Known sources:\n\(catalog.knownSources)",
                               path: path)
        }
        return units.sorted { workbook.sheetNames.firstIndex(of: $0.sheet!)! < workbook.sheetNames.firstIndex(of: $1.sheet!)! }
    }
}
