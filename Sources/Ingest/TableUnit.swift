import Cartography
import Catalog
import Core
import Foundation
import Tabular

/// One table to load: a delimited file, one sheet of a workbook or the data member of a
/// zip archive, with the source it was recognised as. A workbook may hold several (INSEE's
/// EPCI list and composition).
struct TableUnit {
    let definition: SourceDefinition
    let reader: any RecordReader
    /// The sheet, for a workbook; the member read, for a zip archive of a Melodi dataset.
    let sheet: String?
    /// The file on disk: what is hashed, and recorded as the load's path.
    let filePath: String
    /// The load's name in the files journal: the file's name, `archive.zip!member` for a member.
    let name: String
    /// For a Melodi dataset: where its data and metadata files are.
    var melodi: MelodiFiles? = nil
    /// For a layer of contours: its features, the record of line N being feature N.
    var features: [PolygonFeature]? = nil

    /// The tables of `path`, recognised (or forced to `forcedSource`).
    static func open(path: String, catalog: SourceCatalog, forcedSource: String?) throws -> [TableUnit] {
        if try FileSignature(path: path) == .zip {
            let archive = try ZipArchive(path: path)
            if archive.entry(named: "xl/workbook.xml") != nil {
                return try openWorkbook(path: path, catalog: catalog, forcedSource: forcedSource)
            }
            try ForeignFile.refuse(archive: archive)
            return try openMelodiArchive(archive, catalog: catalog, forcedSource: forcedSource)
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.lowercased().hasSuffix(".geojson") {
            return [try openLayer(path: path, name: name, catalog: catalog, forcedSource: forcedSource)]
        }
        try ForeignFile.refuse(path: path)
        try refuseMelodiMetadata(path: path, name: name)
        let (definition, reader) = try recognise(path: path, catalog: catalog, forcedSource: forcedSource) { delimiter, encoding in
            try CSVReader(path: path, delimiter: delimiter, encoding: encoding)
        }
        let melodi = definition.kind == .melodi ? MelodiFiles(dataPath: path) : nil
        return [TableUnit(definition: definition, reader: reader, sheet: nil, filePath: path, name: name, melodi: melodi)]
    }

    /// A GeoJSON layer: its features' properties are its records (every property one
    /// column, each feature's sorted by name, in the order first met), recognised like a
    /// table's header: as contours, or else named with the command that reads it.
    private static func openLayer(path: String, name: String, catalog: SourceCatalog, forcedSource: String?) throws -> TableUnit {
        let features = try GeoJSONPolygons(path: path).features
        var header: [String] = []
        var known: Set<String> = []
        for feature in features {
            for key in feature.properties.keys.sorted() where known.insert(key).inserted { header.append(key) }
        }
        let rows = features.map { feature in (line: feature.index, fields: header.map { feature.properties[$0] ?? "" }) }
        let reader = InMemoryTable(path: path, header: header, rows: rows, encodingDescription: "GeoJSON, utf-8")
        let definition: SourceDefinition
        if let forcedSource {
            definition = try catalog.definition(id: forcedSource)
            try catalog.requireColumns(of: definition, header: header, path: path)
        } else {
            do {
                definition = try catalog.recognise(header: header, path: path)
            } catch let error as ObservatoireError where error.code == .unrecognisedFile {
                throw ObservatoireError(.readByAnotherCommand, ForeignFile.describeLayer(name: name, properties: header), path: path)
            }
        }
        guard definition.kind == .contours else {
            throw ObservatoireError(.unrecognisedFile, "a GeoJSON layer, but source \(definition.id) is not a contours source", path: path)
        }
        return TableUnit(definition: definition, reader: reader, sheet: nil, filePath: path, name: name, features: features)
    }

    /// Opens delimited text as published, finds its source, and reads it again with the
    /// delimiter and encoding the source declares when they differ from the ones detected.
    private static func recognise(path: String, catalog: SourceCatalog, forcedSource: String?,
                                  open: (UInt8?, TextEncoding?) throws -> CSVReader) throws -> (SourceDefinition, CSVReader) {
        var reader = try open(nil, nil)
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
            reader = try open(definition.delimiterByte, definition.format?.encoding)
            if reader.header.count == 1 && sniffed.header.count > 1, let published = reader.delimiterDescription,
               let found = sniffed.delimiterDescription {
                throw ObservatoireError(.notDelimitedText,
                                   "the header is delimited by '\(found)', but source \(definition.id) is published with '\(published)': re-export the file with '\(published)' or name the right source with --source",
                                   path: path, line: 1)
            }
        }
        return (definition, reader)
    }

    /// A Melodi dataset's metadata beside its data file is read with it, not on its own.
    private static func refuseMelodiMetadata(path: String, name: String) throws {
        guard name.uppercased().hasPrefix("DS_"), let data = SourceDefinition.MelodiRule.dataName(ofMetadata: name),
              FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(data).path)
        else { return }
        throw ObservatoireError(.companionFile, "the metadata of \(data), read with it", path: path)
    }

    /// Whether a zip member is the data file of a Melodi dataset (`DS_<NAME>_data.csv`).
    static func isMelodiData(_ member: String) -> Bool {
        let name = member.split(separator: "/").last.map(String.init) ?? member
        return name.uppercased().hasPrefix("DS_") && SourceDefinition.MelodiRule.metadataName(ofData: name) != nil
    }

    /// The data members of a zip archive of Melodi datasets (INSEE ships
    /// `DS_<NAME>_data.csv` and `DS_<NAME>_metadata.csv` so), each streamed from the archive.
    private static func openMelodiArchive(_ archive: ZipArchive, catalog: SourceCatalog, forcedSource: String?) throws -> [TableUnit] {
        let members = archive.entries.filter { isMelodiData($0.name) }
        guard !members.isEmpty else {
            throw ObservatoireError(.unsupportedArchive,
                               "a zip archive that is neither an XLSX workbook nor a Melodi dataset (no DS_…_data.csv member): its members are not read; extract the CSV member and ingest it",
                               path: archive.path)
        }
        return try members.map { member in
            let files = MelodiFiles(archive: archive, data: member)
            let (definition, reader) = try recognise(path: files.dataPath, catalog: catalog, forcedSource: forcedSource) { delimiter, encoding in
                try files.openData(delimiter: delimiter, encoding: encoding)
            }
            return TableUnit(definition: definition, reader: reader, sheet: member.name, filePath: archive.path,
                             name: URL(fileURLWithPath: archive.path).lastPathComponent + "!" + member.name,
                             melodi: definition.kind == .melodi ? files : nil)
        }
    }

    /// Every sheet of the workbook that a workbook source names and whose header it finds.
    private static func openWorkbook(path: String, catalog: SourceCatalog, forcedSource: String?) throws -> [TableUnit] {
        let workbook = try XLSXWorkbook(path: path)
        let candidates = try forcedSource.map { [try catalog.definition(id: $0)] } ?? catalog.definitions.filter { $0.format?.sheet != nil }
        var units: [TableUnit] = []
        var sheetsTaken: Set<String> = []
        // The most specific definitions first, so that a sheet goes to the best match.
        for definition in candidates.sorted(by: { $0.recognise.columns.count > $1.recognise.columns.count }) {
            guard let pattern = definition.format?.sheet else {
                throw ObservatoireError(.invalidDefinition, "source \(definition.id) reads delimited text, not a workbook sheet", path: path)
            }
            for sheet in workbook.sheetNames where !sheetsTaken.contains(sheet)
                && sheet.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil {
                let wanted = Set(definition.recognise.columns.map { $0.uppercased() })
                let reader: XLSXReader
                do {
                    reader = try XLSXReader(path: path, sheet: sheet) { row in
                        wanted.isSubset(of: Set(row.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }))
                    }
                } catch let error as ObservatoireError where error.code == .headerNotFound && forcedSource == nil {
                    continue
                }
                sheetsTaken.insert(sheet)
                units.append(TableUnit(definition: definition, reader: reader, sheet: sheet, filePath: path,
                                       name: URL(fileURLWithPath: path).lastPathComponent))
            }
        }
        guard !units.isEmpty else {
            throw ObservatoireError(.unrecognisedFile,
                               "no workbook source matches a sheet of this file (sheets: \(workbook.sheetNames.joined(separator: ", "))). Use --source ID to force one. Known sources:\n\(catalog.knownSources)",
                               path: path)
        }
        return units.sorted { workbook.sheetNames.firstIndex(of: $0.sheet!)! < workbook.sheetNames.firstIndex(of: $1.sheet!)! }
    }
}
