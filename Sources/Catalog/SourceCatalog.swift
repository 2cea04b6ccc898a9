import Core
import Foundation
import Yams

/// All source definitions found under `pipelines/sources/`, and the rules that match a
/// published file to one of them.
public struct SourceCatalog: Sendable {
    public let definitions: [SourceDefinition]
    public let directory: String

    /// Loads every `*.yaml` / `*.yml` file of `directory`; each holds one definition.
    public init(directory: String) throws {
        self.directory = directory
        let url = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ObservatoireError(.invalidDefinition, "cannot list source definitions: \(error.localizedDescription); pass --pipelines DIR", path: directory)
        }
        var definitions: [SourceDefinition] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = url.appendingPathComponent(name).path
            let definition: SourceDefinition
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                definition = try YAMLDecoder().decode(SourceDefinition.self, from: text)
            } catch {
                throw ObservatoireError(.invalidDefinition, "cannot read this source definition: \(error)", path: path)
            }
            try Self.validate(definition, path: path)
            if definitions.contains(where: { $0.id == definition.id }) {
                throw ObservatoireError(.invalidDefinition, "source id '\(definition.id)' is defined twice", path: path)
            }
            definitions.append(definition)
        }
        guard !definitions.isEmpty else {
            throw ObservatoireError(.invalidDefinition, "no source definition (*.yaml) found; pass --pipelines DIR", path: directory)
        }
        self.definitions = definitions
    }

    public init(definitions: [SourceDefinition], directory: String = "(memory)") {
        self.definitions = definitions
        self.directory = directory
    }

    public func definition(id: String) throws -> SourceDefinition {
        guard let found = definitions.first(where: { $0.id == id }) else {
            throw ObservatoireError(.unknownSource, "no source '\(id)'. Known sources:\n\(knownSources)", path: directory)
        }
        return found
    }

    /// The source a file belongs to, from its header and name: every required column must
    /// be present; the most specific definition wins; a tie is an error, not a guess.
    public func recognise(header: [String], path: String) throws -> SourceDefinition {
        let present = Set(header.map { $0.uppercased() })
        let name = URL(fileURLWithPath: path).lastPathComponent
        let scored: [(SourceDefinition, Int)] = definitions.compactMap { definition in
            let rule = definition.recognise
            guard rule.columns.allSatisfy({ present.contains($0.uppercased()) }) else { return nil }
            var score = rule.columns.count * 2
            if let pattern = rule.fileName {
                guard name.range(of: pattern, options: .regularExpression) != nil else { return nil }
                score += 1
            }
            return (definition, score)
        }
        guard let best = scored.map(\.1).max() else {
            throw ObservatoireError(.unrecognisedFile,
                               "no source definition matches this file (header: \(header.prefix(8).joined(separator: ", "))\(header.count > 8 ? ", …" : "")). Use --source ID to force one. Known sources:\n\(knownSources)",
                               path: path)
        }
        let winners = scored.filter { $0.1 == best }.map(\.0)
        guard winners.count == 1 else {
            throw ObservatoireError(.ambiguousFile, "several sources match this file equally well: \(winners.map(\.id).joined(separator: ", ")); use --source ID", path: path)
        }
        return winners[0]
    }

    /// Checks that a file forced to a source (`--source`) has the columns that define it.
    public func requireColumns(of definition: SourceDefinition, header: [String], path: String) throws {
        let present = Set(header.map { $0.uppercased() })
        let missing = definition.recognise.columns.filter { !present.contains($0.uppercased()) }
        guard missing.isEmpty else {
            throw ObservatoireError(.missingColumn,
                               "this file lacks the column(s) \(missing.map { "'\($0)'" }.joined(separator: ", ")) that source \(definition.id) requires (header: \(header.prefix(8).joined(separator: ", ")))",
                               path: path)
        }
    }

    /// The vintage of a file: the one given, the source's fixed one, or the last match of
    /// the source's pattern in the path.
    public func vintage(of definition: SourceDefinition, path: String, override: String?) throws -> String {
        if let override { return override }
        if let fixed = definition.vintage.fixed { return fixed }
        if let pattern = definition.vintage.fromPath,
           let regex = try? NSRegularExpression(pattern: pattern),
           let match = regex.matches(in: path, range: NSRange(path.startIndex..., in: path)).last,
           let range = Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: path) {
            return String(path[range])
        }
        if let fallback = definition.vintage.fallback { return fallback }
        throw ObservatoireError(.unknownVintage, "cannot tell the vintage of this \(definition.id) file from its path; pass --vintage YYYY", path: path)
    }

    /// `id — label` lines, for error messages and `sources` listings.
    public var knownSources: String {
        definitions.map { "  \($0.id) — \($0.label)" }.joined(separator: "\n")
    }

    private static func validate(_ definition: SourceDefinition, path: String) throws {
        func fail(_ message: String) -> ObservatoireError { ObservatoireError(.invalidDefinition, message, path: path) }
        guard definition.id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw fail("source id '\(definition.id)' must be lower-case letters, digits and dashes")
        }
        guard !definition.recognise.columns.isEmpty else { throw fail("recognise.columns must name at least one column") }
        if let delimiter = definition.format?.delimiter, definition.delimiterByte == nil {
            throw fail("format.delimiter '\(delimiter)' is not one of ';', ',' or tab")
        }
        var patterns = [definition.recognise.fileName, definition.vintage.fromPath].compactMap { $0 }
        patterns += (definition.variables?.periodFromCode ?? []) + (definition.variables?.counts ?? []) + (definition.variables?.additive ?? [])
        patterns += [definition.format?.sheet].compactMap { $0 }
        for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
            throw fail("'\(pattern)' is not a valid regular expression")
        }
        for download in definition.downloads ?? [] {
            guard let url = URL(string: download.url), ["http", "https"].contains(url.scheme ?? "") else {
                throw fail("download url '\(download.url)' is not an http(s) address")
            }
            guard RawPath.isSafe(download.to) else {
                throw fail("download to '\(download.to)' must be a relative path inside the raw folder (no '..', no leading '/')")
            }
            if let sha256 = download.sha256, sha256.range(of: "^[0-9a-f]{64}$", options: .regularExpression) == nil {
                throw fail("download sha256 '\(sha256)' is not 64 lower-case hexadecimal digits")
            }
        }
        if let problem = definition.melodiAPI?.problem(in: definition) { throw fail(problem) }
        switch definition.kind {
        case .observations:
            guard definition.key != nil else { throw fail("an observations source needs key: {column, code}") }
            guard definition.variables != nil else { throw fail("an observations source needs variables:") }
        case .diagnostics:
            guard let rule = definition.diagnostics else { throw fail("a diagnostics source needs diagnostics: (the columns of each role)") }
            let recognised = Set(definition.recognise.columns.map { $0.uppercased() })
            for column in [rule.id, rule.commune, rule.label, rule.date, rule.buildingType, rule.consumption]
            where !recognised.contains(column.uppercased()) {
                throw fail("diagnostics column '\(column)' must be among recognise.columns (it is required)")
            }
        case .melodi:
            try validateMelodi(definition, fail: fail)
        case .contours:
            guard let key = definition.key, key.columns.count == 1 else {
                throw fail("a contours source needs key: {column, code}: the property holding each feature's code")
            }
            guard definition.format?.sheet == nil else { throw fail("a contours source is a GeoJSON layer: it has no sheet") }
        case .referenceTable:
            guard definition.table != nil, let columns = definition.columns, !columns.isEmpty else {
                throw fail("a reference-table source needs table: and columns:")
            }
            for key in definition.tableKey ?? [] where columns[key] == nil {
                throw fail("table_key names '\(key)', which is not among columns:")
            }
            for list in definition.lists ?? [] {
                guard definition.tableKey?.isEmpty == false else { throw fail("lists: need a table_key to tie each item to its row") }
                guard list.columns.count == (list.pair == nil ? 1 : 2) else {
                    throw fail("list \(list.table) from \(list.from): give one column, or two with pair: (name:value)")
                }
            }
        }
    }

    /// A Melodi source: its dimensions are not the columns every dataset has, its template
    /// names only them, its code maps only them, and each GEO_OBJECT is loaded or left out,
    /// not both. Territories, periods and codes come from the file, not from `key:` or
    /// `variables.period`.
    private static func validateMelodi(_ definition: SourceDefinition, fail: (String) -> ObservatoireError) throws {
        guard let rule = definition.melodi else {
            throw fail("a melodi source needs melodi: (dimensions, variable, levels)")
        }
        guard definition.key == nil else {
            throw fail("a melodi source reads its territories from GEO and GEO_OBJECT: remove key:")
        }
        // Its levels above the commune are loaded apart, with no commune code to infer it from.
        guard definition.geography != nil else {
            throw fail("a melodi source needs geography: the COG year of its codes (2025 for a geo2025 dataset)")
        }
        if let variables = definition.variables,
           variables.columns != nil || variables.period != nil || variables.periodFromCode != nil || variables.codes != nil {
            throw fail("a melodi source takes its variables from melodi.variable and its periods from TIME_PERIOD: keep only labels, counts and additive under variables:")
        }
        let reserved = Set(SourceDefinition.MelodiRule.readColumns.map { $0.uppercased() })
        var seen: Set<String> = []
        for dimension in rule.dimensions {
            guard !reserved.contains(dimension.uppercased()) else {
                throw fail("melodi.dimensions names \(dimension), which every Melodi file has and which is read as such: remove it")
            }
            guard seen.insert(dimension.uppercased()).inserted else {
                throw fail("melodi.dimensions names \(dimension) twice")
            }
        }
        do {
            _ = try rule.template()
        } catch {
            throw fail("melodi.variable: \(error.message)")
        }
        for dimension in (rule.codes ?? [:]).keys where !seen.contains(dimension.uppercased()) {
            throw fail("melodi.codes maps the codes of \(dimension), which is not among melodi.dimensions (\(rule.dimensions.joined(separator: ", ")))")
        }
        guard !rule.levels.isEmpty else { throw fail("melodi.levels must name at least one GEO_OBJECT to load") }
        if let both = rule.levels.keys.sorted().first(where: { (rule.levelsNotLoaded ?? []).contains($0) }) {
            throw fail("GEO_OBJECT \(both) is both under melodi.levels and melodi.levels_not_loaded: keep one")
        }
    }
}
