import Catalog
import Core
import Foundation
import GRDB
import Logging
import Tabular
import Warehouse

/// Loads one file into the warehouse in one transaction: it loads completely or not at all.
struct FileIngester {
    let catalog: SourceCatalog
    let scope: WriteScope
    let options: IngestOptions
    let logger: Logger

    /// Rejections shown on the terminal per file; all are stored.
    static let rejectionsShown = 5

    /// Ingests `path`: one outcome for a delimited file, one per recognised sheet for a
    /// workbook, one per dataset for a zip archive of Melodi datasets. File-level problems
    /// become a `failed` outcome (or `skipped` when `lenient` and the file is not
    /// recognised, or always for a Melodi metadata file beside its data), never a partial load.
    func ingest(path: String, runID: Int64, lenient: Bool) -> [FileOutcome] {
        let clock = ContinuousClock()
        let started = clock.now
        let units: [TableUnit]
        do {
            units = try TableUnit.open(path: path, catalog: catalog, forcedSource: options.sourceID)
        } catch {
            var outcome = Self.refusal(path: path, error: error, lenient: lenient)
            outcome.seconds = (clock.now - started).seconds
            return [outcome]
        }
        return units.map { unit in
            let unitStarted = clock.now
            var outcome = FileOutcome(path: path, status: .failed)
            outcome.sheet = unit.sheet
            do {
                try load(unit, runID: runID, into: &outcome)
            } catch {
                outcome.status = .failed
                outcome.message = "\(error)"
                outcome.error = error as? ObservatoireError
            }
            outcome.seconds = (clock.now - unitStarted).seconds
            return outcome
        }
    }

    /// The size of the file at `path` in bytes, or -1 when it cannot be known (no loaded
    /// file has that size: the file is then hashed while read, and its size taken then).
    private static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : -1
    }

    private static func refusal(path: String, error: any Error, lenient: Bool) -> FileOutcome {
        var outcome = FileOutcome(path: path, status: .failed)
        outcome.message = "\(error)"
        outcome.error = error as? ObservatoireError
        if let error = error as? ObservatoireError, error.code == .companionFile {
            outcome.status = .skipped
            outcome.message = error.message
        } else if lenient, let error = error as? ObservatoireError, error.code == .readByAnotherCommand {
            outcome.status = .skipped
            outcome.message = error.message
        } else if lenient, let error = error as? ObservatoireError, error.code == .unrecognisedFile {
            outcome.status = .skipped
            outcome.message = "not recognised as any source"
        } else if lenient, let error = error as? ObservatoireError, [.notDelimitedText, .emptyFile, .unsupportedEncoding].contains(error.code) {
            outcome.status = .skipped
            outcome.message = error.message
        }
        return outcome
    }

    /// The SHA-256 that identifies a load is computed on a thread of its own while the
    /// records are read, unless a file of the same size is already loaded for the source:
    /// that one may be this file again, which a pass to hash it finds without reading its records.
    private func load(_ unit: TableUnit, runID: Int64, into outcome: inout FileOutcome) throws {
        let path = unit.filePath
        let definition = unit.definition
        let reader = unit.reader
        let vintage = try catalog.vintage(of: definition, path: path, override: options.vintage)
        outcome.sourceID = definition.id
        outcome.vintage = vintage
        outcome.encoding = reader.encodingDescription

        var digest: FileDigest.Result?
        var background: BackgroundDigest?
        if try scope.read({ try FileJournal.hasCurrentFile(sizeBytes: Self.size(of: path), sourceID: definition.id, $0) }) {
            let hashed = try FileDigest.sha256(path: path)
            digest = hashed
            if let existing = try scope.read({ try FileJournal.currentFile(sha256: hashed.sha256, sourceID: definition.id, $0) }) {
                outcome.status = .unchanged
                outcome.message = "already loaded (file \(existing.fileID), \(existing.name)): same SHA-256"
                return
            }
        } else {
            background = BackgroundDigest(path: path)
        }
        defer { background?.cancel() }

        let geography = options.geographyOfInput.map { ($0, "given with --geography-of-input") }
            ?? definition.geography?.geography(vintage: vintage).map { ($0, "declared by source \(definition.id)") }
        let load = FileLoad(sourceID: definition.id, vintage: vintage, name: unit.name,
                            path: path, sha256: digest?.sha256 ?? "", sizeBytes: digest?.size ?? 0,
                            encoding: reader.encodingDescription, delimiter: reader.delimiterDescription ?? "",
                            geography: geography?.0, geographyBasis: geography?.1)
        let clock = ContinuousClock()
        let started = clock.now
        var loaded = outcome
        try scope.write { db in
            try SourceRegistry.upsertSource(id: definition.id, label: definition.label, publisher: definition.publisher,
                                            url: definition.url, kind: definition.storedKind, db)
            let (fileID, replaced) = try FileJournal.begin(load, runID: runID, db)
            loaded.replacedFileID = replaced
            let header = HeaderIndex(header: reader.header, path: reader.path)
            var loader: any RecordLoader = switch definition.kind {
            case .observations: try ObservationLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
            case .referenceTable: try ReferenceTableLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
            case .diagnostics: try DiagnosticsLoader(definition: definition, header: header, fileID: fileID, keepRows: options.keepRows, db)
            case .melodi:
                try MelodiLoader(definition: definition, header: header, files: unit.melodi, delimiter: (reader as? CSVReader)?.delimiter,
                                 encoding: (reader as? CSVReader)?.encoding, load: load, fileID: fileID, runID: runID, db)
            }
            loaded.unusedColumns = loader.unusedColumns
            var zeros = LeadingZeroPolicy(repair: options.repairLeadingZeros)
            let progress = ProgressLine(name: unit.name, enabled: options.showsProgress)
            defer { progress.finish() }
            // Observations and diagnostics: parsing costs about as much as packing, typing or
            // tallying, so parsing gets its own thread (a tenth off 2,000,000 diagnostics, for
            // 8 MiB of batches). Reference tables are small.
            let records: any RecordReader = definition.kind != .referenceTable ? ReadAheadReader(reader) : reader
            var rejections = Rejections(writer: try RejectedRowWriter(fileID: fileID, db))
            func loadRecords() throws -> FileCounts {
                var counts = try Self.readRecords(from: records, into: &loader, zeros: &zeros, rejections: &rejections, progress: progress)
                try loader.finish { rejection in
                    counts.rowsLoaded -= 1
                    counts.rowsRejected += 1
                    try rejections.store(rejection)
                }
                counts.rowsLoaded -= loader.rowsNotLoaded
                return counts
            }
            // Packed rows need only the pages being written: a small cache, a flat memory. A
            // Melodi file's values, inserted one by one, are no slower with it, even in the order
            // least kind to the index (830,000 rows by measure then territory: 10.7 s, 54 MiB).
            let counts = [.observations, .diagnostics, .melodi].contains(definition.kind)
                ? try PageCache.limited(to: PageCache.packedRowsKiB, db, loadRecords) : try loadRecords()
            loaded.firstRejections = rejections.shown
            let notes = [try zeros.verdict(path: path)].compactMap { $0 } + loader.notes
            loaded.repairs = notes.isEmpty ? nil : notes.joined(separator: "; ")
            if counts.rowsRead == 0 {
                throw ObservatoireError(.noRows, "the file has a header but no data rows", path: path, line: 2)
            }
            loaded.counts = counts
            loaded.valuesLoaded = loader.valuesWritten
            let seconds = (clock.now - started).seconds
            if let background {
                // Of another size than every loaded file of the source: none of them again.
                let read = try background.result()
                for id in [fileID] + loader.parts.map(\.fileID) {
                    try FileJournal.setDigest(fileID: id, sha256: read.sha256, sizeBytes: read.size, db)
                }
            }
            try FileJournal.finish(fileID: fileID, counts: counts, repairs: loaded.repairs, seconds: seconds, db)
            for part in loader.parts {
                try FileJournal.finish(fileID: part.fileID, counts: part.counts, repairs: part.repairs, seconds: seconds, db)
            }
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
    private static func readRecords(from reader: any RecordReader, into loader: inout any RecordLoader, zeros: inout LeadingZeroPolicy,
                                    rejections: inout Rejections, progress: ProgressLine) throws -> FileCounts {
        var counts = FileCounts()
        let width = reader.header.count
        let delimiter = reader.delimiterDescription ?? " | "
        try reader.forEachRecord { record in
            counts.rowsRead += 1
            progress.update(counts.rowsRead)
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
            try rejections.store(rejection)
        }
        return counts
    }

    /// Stores every rejection and keeps the first few by line to show (a loader may
    /// reject records at the end, after later ones).
    private struct Rejections {
        let writer: RejectedRowWriter
        private(set) var shown: [Rejection] = []

        init(writer: RejectedRowWriter) {
            self.writer = writer
        }

        mutating func store(_ rejection: Rejection) throws {
            if shown.count < rejectionsShown || rejection.line < shown[shown.count - 1].line {
                shown.append(rejection)
                shown.sort { $0.line < $1.line }
                if shown.count > rejectionsShown { shown.removeLast() }
            }
            try writer.write(line: rejection.line, column: rejection.column, value: rejection.value, reason: rejection.reason)
        }
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
