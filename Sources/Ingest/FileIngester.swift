import Catalog
import Foundation
import GRDB
import Logging
import Tabular
import Warehouse

/// Loads one file into the warehouse in one transaction: it loads completely or not at all.
struct FileIngester {
    let catalog: SourceCatalog
    let warehouse: Warehouse
    let options: IngestOptions
    let logger: Logger

    /// Rejections shown on the terminal per file; all are stored.
    static let rejectionsShown = 5

    /// Ingests `path`. File-level problems become a `failed` outcome (or `skipped` when
    /// `lenient` and the file is not recognised), never a partial load.
    func ingest(path: String, runID: Int64, lenient: Bool) -> FileOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        var outcome = FileOutcome(path: path, status: .failed)
        do {
            try load(path: path, runID: runID, into: &outcome)
        } catch let error as CatalogError where lenient && error.code == .unrecognisedFile {
            outcome.status = .skipped
            outcome.message = "not recognised as any source"
        } catch let error as TabularError where lenient && [.notDelimitedText, .emptyFile, .unsupportedEncoding].contains(error.code) {
            outcome.status = .skipped
            outcome.message = error.message
        } catch {
            outcome.status = .failed
            outcome.message = "\(error)"
        }
        outcome.seconds = (clock.now - started).seconds
        return outcome
    }

    private func load(path: String, runID: Int64, into outcome: inout FileOutcome) throws {
        if try FileSignature(path: path) == .zip {
            throw IngestError(.noRows, "zip and xlsx archives are not read by ingest yet; extract the CSV member first", path: path)
        }
        let digest = try FileDigest.sha256(path: path)
        var reader = try CSVReader(path: path)
        let definition: SourceDefinition
        if let forced = options.sourceID {
            definition = try catalog.definition(id: forced)
            try catalog.requireColumns(of: definition, header: reader.header, path: path)
        } else {
            definition = try catalog.recognise(header: reader.header, path: path)
        }
        if (definition.delimiterByte.map { $0 != reader.delimiter } ?? false)
            || (definition.format?.encoding.map { $0 != reader.encoding } ?? false) {
            reader = try CSVReader(path: path, delimiter: definition.delimiterByte, encoding: definition.format?.encoding)
        }
        let vintage = try catalog.vintage(of: definition, path: path, override: options.vintage)
        outcome.sourceID = definition.id
        outcome.vintage = vintage
        outcome.encoding = reader.encoding.rawValue + (reader.hadByteOrderMark ? " (BOM)" : "")

        if let existing = try warehouse.read({ try FileJournal.currentFile(sha256: digest.sha256, sourceID: definition.id, $0) }) {
            outcome.status = .unchanged
            outcome.message = "already loaded (file \(existing.fileID), \(existing.name)): same SHA-256"
            return
        }

        let load = FileLoad(sourceID: definition.id, vintage: vintage, name: URL(fileURLWithPath: path).lastPathComponent,
                            path: path, sha256: digest.sha256, sizeBytes: digest.size,
                            encoding: reader.encoding.rawValue, delimiter: String(UnicodeScalar(reader.delimiter)))
        let clock = ContinuousClock()
        let started = clock.now
        var loaded = outcome
        try warehouse.write { db in
            try SourceRegistry.upsertSource(id: definition.id, label: definition.label, publisher: definition.publisher,
                                            url: definition.url, kind: definition.kind.rawValue, db)
            let (fileID, replaced) = try FileJournal.begin(load, runID: runID, db)
            loaded.replacedFileID = replaced
            let header = HeaderIndex(header: reader.header, path: path)
            var loader: any RecordLoader = switch definition.kind {
            case .observations: try ObservationLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
            case .referenceTable: try ReferenceTableLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
            }
            loaded.unusedColumns = loader.unusedColumns
            var zeros = LeadingZeroPolicy(repair: options.repairLeadingZeros)
            let counts = try Self.readRecords(from: reader, into: &loader, zeros: &zeros,
                                              rejections: RejectedRowWriter(fileID: fileID, db),
                                              shown: &loaded.firstRejections)
            loaded.repairs = try zeros.verdict(path: path)
            if counts.rowsRead == 0 {
                throw IngestError(.noRows, "the file has a header but no data rows", path: path, line: 2)
            }
            loaded.counts = counts
            loaded.valuesLoaded = loader.valuesWritten
            try FileJournal.finish(fileID: fileID, counts: counts, repairs: loaded.repairs, seconds: (clock.now - started).seconds, db)
        }
        outcome = loaded
        outcome.status = outcome.counts.rowsRejected > 0 ? .rejections : .loaded
        logger.info("Ingested file", metadata: [
            "file.path": "\(path)", "source": "\(definition.id)", "vintage": "\(vintage)",
            "rows.read": "\(outcome.counts.rowsRead)", "rows.loaded": "\(outcome.counts.rowsLoaded)",
            "rows.rejected": "\(outcome.counts.rowsRejected)",
        ])
    }

    /// Feeds every record to the loader after the checks common to all sources (parse
    /// defects, field count), storing each rejection and keeping the first few to show.
    private static func readRecords(from reader: CSVReader, into loader: inout any RecordLoader, zeros: inout LeadingZeroPolicy,
                                    rejections: RejectedRowWriter, shown: inout [Rejection]) throws -> FileCounts {
        var counts = FileCounts()
        let width = reader.header.count
        let delimiter = String(UnicodeScalar(reader.delimiter))
        try reader.forEachRecord { record in
            counts.rowsRead += 1
            let rejection: Rejection?
            if let defect = record.defect {
                rejection = Self.rejection(for: defect, record: record, header: reader.header)
            } else if record.count != width {
                rejection = Rejection(line: record.line, column: nil, value: record.strings.joined(separator: delimiter),
                                      reason: "expected \(width) fields as in the header, found \(record.count)")
            } else {
                rejection = try loader.load(record, zeros: &zeros)
            }
            guard let rejection else {
                counts.rowsLoaded += 1
                return
            }
            counts.rowsRejected += 1
            if shown.count < rejectionsShown { shown.append(rejection) }
            try rejections.write(line: rejection.line, column: rejection.column, value: rejection.value, reason: rejection.reason)
        }
        return counts
    }

    private static func rejection(for defect: CSVDefect, record: CSVRecord, header: [String]) -> Rejection {
        switch defect {
        case .malformedQuote(let column, let partial):
            let name = column <= header.count ? header[column - 1] : "#\(column)"
            return Rejection(line: record.line, column: name, value: partial, reason: defect.reason)
        case .invalidUTF8, .nulByte:
            return Rejection(line: record.line, column: nil, value: nil, reason: defect.reason)
        }
    }
}

extension Duration {
    /// The duration in seconds, for logs and the `files.seconds` column.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
