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

    /// Loads one table in one transaction: journal entry, records through the source's
    /// loader, rejections, digest and counts. A file already loaded is left `unchanged`.
    private func load(_ unit: TableUnit, runID: Int64, into outcome: inout FileOutcome) throws {
        let path = unit.filePath
        let definition = unit.definition
        let vintage = try catalog.vintage(of: definition, path: path, override: options.vintage)
        outcome.sourceID = definition.id
        outcome.vintage = vintage
        outcome.encoding = unit.reader.encodingDescription

        let identity = try identify(path: path, sourceID: definition.id)
        if case .alreadyLoaded(let fileID, let name) = identity {
            outcome.status = .unchanged
            outcome.message = "already loaded (file \(fileID), \(name)): same SHA-256"
            return
        }
        let background = identity.background
        defer { background?.cancel() }
        let load = fileLoad(of: unit, vintage: vintage, digest: identity.digest)
        let clock = ContinuousClock()
        let started = clock.now
        var loaded = outcome
        try scope.write { db in
            try SourceRegistry.upsertSource(id: definition.id, label: definition.label, publisher: definition.publisher,
                                            url: definition.url, kind: definition.storedKind, db)
            let (fileID, replaced) = try FileJournal.begin(load, runID: runID, db)
            loaded.replacedFileID = replaced
            var loader = try recordLoader(for: unit, vintage: vintage, load: load, fileID: fileID, runID: runID, db)
            loaded.unusedColumns = loader.unusedColumns
            var zeros = LeadingZeroPolicy(repair: options.repairLeadingZeros)
            var rejections = Rejections(writer: try RejectedRowWriter(fileID: fileID, db))
            let counts = try readAll(unit, into: &loader, zeros: &zeros, rejections: &rejections, db)
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

    /// How a file is known again: by its SHA-256, computed on a thread of its own while the
    /// records are read, unless a file of the same size is already loaded for the source:
    /// that one may be this file again, which a pass to hash it finds without reading its records.
    private enum Identity {
        case alreadyLoaded(fileID: Int64, name: String)
        case hashed(FileDigest.Result)
        case hashedWhileRead(BackgroundDigest)

        var digest: FileDigest.Result? { if case .hashed(let digest) = self { digest } else { nil } }
        var background: BackgroundDigest? { if case .hashedWhileRead(let background) = self { background } else { nil } }
    }

    private func identify(path: String, sourceID: String) throws -> Identity {
        guard try scope.read({ try FileJournal.hasCurrentFile(sizeBytes: Self.size(of: path), sourceID: sourceID, $0) }) else {
            return .hashedWhileRead(BackgroundDigest(path: path))
        }
        let hashed = try FileDigest.sha256(path: path)
        if let existing = try scope.read({ try FileJournal.currentFile(sha256: hashed.sha256, sourceID: sourceID, $0) }) {
            return .alreadyLoaded(fileID: existing.fileID, name: existing.name)
        }
        return .hashed(hashed)
    }

    /// The journal entry of a load (its digest known now, or set when the read is done).
    private func fileLoad(of unit: TableUnit, vintage: String, digest: FileDigest.Result?) -> FileLoad {
        let definition = unit.definition
        let geography = options.geographyOfInput.map { ($0, "given with --geography-of-input") }
            ?? definition.geography?.geography(vintage: vintage).map { ($0, "declared by source \(definition.id)") }
        return FileLoad(sourceID: definition.id, vintage: vintage, name: unit.name,
                        path: unit.filePath, sha256: digest?.sha256 ?? "", sizeBytes: digest?.size ?? 0,
                        encoding: unit.reader.encodingDescription, delimiter: unit.reader.delimiterDescription ?? "",
                        geography: geography?.0, geographyBasis: geography?.1)
    }

    /// The loader of the source's kind.
    private func recordLoader(for unit: TableUnit, vintage: String, load: FileLoad, fileID: Int64, runID: Int64,
                              _ db: Database) throws -> any RecordLoader {
        let definition = unit.definition
        let reader = unit.reader
        let header = HeaderIndex(header: reader.header, path: reader.path)
        return switch definition.kind {
        case .observations: try ObservationLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
        case .referenceTable: try ReferenceTableLoader(definition: definition, header: header, vintage: vintage, fileID: fileID, db)
        case .diagnostics: try DiagnosticsLoader(definition: definition, header: header, fileID: fileID, keepRows: options.keepRows, db)
        case .contours:
            try ContourLoader(definition: definition, header: header, features: unit.features ?? [], fileID: fileID, db)
        case .melodi:
            try MelodiLoader(definition: definition, header: header, files: unit.melodi, delimiter: (reader as? CSVReader)?.delimiter,
                             encoding: (reader as? CSVReader)?.encoding, load: load, fileID: fileID, runID: runID, db)
        }
    }

    /// Every record of the table through the loader, then the loader's own end (records
    /// it rejects once it has seen them all), with the rows read reported as it goes.
    private func readAll(_ unit: TableUnit, into loader: inout any RecordLoader, zeros: inout LeadingZeroPolicy,
                         rejections: inout Rejections, _ db: Database) throws -> FileCounts {
        let kind = unit.definition.kind
        let progress = RowProgress(name: unit.name, handler: options.progress)
        defer { progress.finish() }
        // Observations and diagnostics: parsing costs about as much as packing, typing or
        // tallying, so parsing gets its own thread (a tenth off 2,000,000 diagnostics, for
        // 8 MiB of batches). Reference tables are small.
        let records: any RecordReader = kind != .referenceTable ? ReadAheadReader(unit.reader) : unit.reader
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
        return [.observations, .diagnostics, .melodi].contains(kind)
            ? try PageCache.limited(to: PageCache.packedRowsKiB, db, loadRecords) : try loadRecords()
    }

    /// Feeds every record to the loader after the checks common to all sources (parse
    /// defects, field count), storing each rejection and keeping the first few to show.
    private static func readRecords(from reader: any RecordReader, into loader: inout any RecordLoader, zeros: inout LeadingZeroPolicy,
                                    rejections: inout Rejections, progress: RowProgress) throws -> FileCounts {
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

    /// Reports the rows read of one file to the handler given, every 1,024 rows.
    struct RowProgress {
        let name: String
        let handler: ProgressHandler?

        @inline(__always)
        func update(_ rows: Int) {
            guard let handler, rows & 1023 == 0 else { return }
            handler(TaskProgress(verb: "reading", name: name, count: rows, unit: .rows))
        }

        func finish() {
            handler?(TaskProgress(verb: "reading", name: name, count: 0, unit: .rows, finished: true))
        }
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
