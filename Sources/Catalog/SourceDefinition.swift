import Core
import Foundation
import Tabular

/// One kind of published file, as declared in `pipelines/sources/*.yaml`: where it comes
/// from, how to recognise it, how to read it and where its rows go.
public struct SourceDefinition: Sendable, Decodable, Equatable {
    public enum Kind: String, Sendable, Decodable {
        /// A wide table of variables per territory (INSEE bases, Filosofi, populations):
        /// every variable cell becomes one row of `observations`.
        case observations
        /// A reference list (COG, mouvements, dictionaries) loaded into a typed table.
        case referenceTable = "reference-table"
        /// One row per diagnostic (ADEME's DPE): counted while streaming into observations
        /// per commune and year, by label, building type and construction period.
        case diagnostics
        /// A dataset of INSEE's Melodi catalogue: long form, one row per territory ×
        /// dimension codes × period, several levels in one file (`melodi:`).
        case melodi
        /// Contours of territories (GeoJSON in WGS84): one feature per commune or EPCI,
        /// keyed by its code (`key:`), its geometry checked and kept as WKB (`contours:`).
        case contours
    }

    public var id: String
    public var label: String
    public var publisher: String?
    public var url: String?
    public var notes: String?
    public var kind: Kind
    public var vintage: VintageRule
    public var format: Format?
    public var recognise: Recognition
    /// `observations` sources: the column holding the territory code.
    public var key: KeyColumn?
    /// `observations` sources: which columns are variables and of which period; `melodi`
    /// sources: the labels, counts and additive variables among the codes they make.
    public var variables: VariableRule?
    /// `reference-table` sources: target table, its key, and how each column is filled.
    public var table: String?
    public var tableKey: [String]?
    public var columns: [String: ColumnRule]?
    /// `reference-table` sources: cells holding a list (`62498|62510`), each item a row of a
    /// child table keyed by the row's `table_key`, so that a list is never stored as text.
    public var lists: [ListRule]?
    /// Columns deliberately not loaded (names, derived labels).
    public var ignore: [String]?
    /// Cell markers and the status they stand for.
    public var markers: [String: ValueStatus]?
    public var empty: ValueStatus?
    /// The COG vintage of the file's codes, when the publisher states it.
    public var geography: GeographyRule?
    /// Official files of this source that `observatoire fetch` downloads into `raw/`.
    public var downloads: [Download]?
    /// `diagnostics` sources: the columns each role is read from.
    public var diagnostics: DiagnosticsRule?
    /// `melodi` sources: the dimensions, how they make variable codes, the levels and statuses.
    public var melodi: MelodiRule?
    /// `melodi` sources: the dataset and territories `observatoire fetch` asks INSEE's Melodi
    /// API for, instead of downloading the whole archive under `downloads:`.
    public var melodiAPI: MelodiAPIQuery?
    /// `contours` sources: the property that names each territory.
    public var contours: ContoursRule?

    enum CodingKeys: String, CodingKey {
        case id, label, publisher, url, notes, kind, vintage, format, recognise, key, variables, table
        case tableKey = "table_key"
        case columns, lists, ignore, markers, empty, geography, downloads, diagnostics, melodi
        case melodiAPI = "melodi_api"
        case contours
    }

    /// A layer of contours: its features' code is the `key:` property; `name` the
    /// property naming the territory, kept for error messages and maps.
    public struct ContoursRule: Sendable, Decodable, Equatable {
        public var name: String?
    }

    /// What the source's files hold in the warehouse (`sources.kind`): a Melodi dataset is
    /// read otherwise, and holds observations like a wide file, which `normalise` converts.
    public var storedKind: String {
        kind == .melodi ? Kind.observations.rawValue : kind.rawValue
    }

    /// A list cell split into rows of `table`: items separated by `separator`, each filling
    /// `columns` — one column, or two from a `name:value` pair split at its last `pair`.
    public struct ListRule: Sendable, Decodable, Equatable {
        public var table: String
        public var from: String
        public var separator: String
        public var pair: String?
        public var columns: [String]
        /// The syntax of the first (or only) part of each item.
        public var code: CodeKind?
        /// The type of the second part of a pair.
        public var valueType: ColumnRule.ValueType?
        public var required: Bool?
        /// The published column may be absent from a file (a column added to the format later).
        public var optional: Bool?

        enum CodingKeys: String, CodingKey {
            case table, from, separator, pair, columns, code, required, optional
            case valueType = "value_type"
        }
    }

    /// The columns of an energy-diagnostics file (ADEME's DPE), in either of its header
    /// styles (API names such as `code_insee_ban`, or the export's labels such as
    /// `Code_INSEE_(BAN)`).
    public struct DiagnosticsRule: Sendable, Decodable, Equatable {
        public var id: String
        /// The earlier diagnostic this one replaces: that one is not counted.
        public var replaces: String?
        public var commune: String
        public var label: String
        public var date: String
        public var buildingType: String
        /// Absent from the new-dwellings export.
        public var constructionYear: String?
        /// Primary energy, five uses, per m² and year.
        public var consumption: String

        enum CodingKeys: String, CodingKey {
            case id, replaces, commune, label, date
            case buildingType = "building_type"
            case constructionYear = "construction_year"
            case consumption
        }

        /// Every column named, for recognition and `unusedColumns`.
        public var columns: [String] {
            [id, replaces, commune, label, date, buildingType, constructionYear, consumption].compactMap { $0 }
        }
    }

    /// One official file to download: from `url` to `to` (relative to the raw folder),
    /// taking `member` out of a zip archive, checked against `sha256` when it is known.
    public struct Download: Sendable, Decodable, Equatable {
        public var url: String
        public var to: String
        public var member: String?
        public var sha256: String?

        public init(url: String, to: String, member: String? = nil, sha256: String? = nil) {
            self.url = url
            self.to = to
            self.member = member
            self.sha256 = sha256
        }
    }

    public struct Format: Sendable, Decodable, Equatable {
        public var delimiter: String?
        public var encoding: TextEncoding?
        /// Workbooks: a regular expression the sheet name must match in full
        /// (`Composition_communale`, `Epcicom[0-9]{4}`). Its presence makes the source an XLSX one.
        public var sheet: String?
    }

    /// The geography (COG vintage) of a file: a fixed year, or the file's vintage plus an
    /// offset (populations légales of census year N are published on the COG of N + 2).
    public struct GeographyRule: Sendable, Decodable, Equatable {
        public var fixed: Int?
        public var vintageOffset: Int?

        enum CodingKeys: String, CodingKey {
            case vintageOffset = "vintage_offset"
        }

        public init(from decoder: any Decoder) throws {
            if let year = try? decoder.singleValueContainer().decode(Int.self) {
                fixed = year
            } else {
                vintageOffset = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .vintageOffset)
            }
        }

        public func geography(vintage: String) -> Int? {
            if let fixed { return fixed }
            return Int(vintage.prefix(4)).map { $0 + (vintageOffset ?? 0) }
        }
    }

    public struct Recognition: Sendable, Decodable, Equatable {
        /// Header names that must all be present (compared without case).
        public var columns: [String]
        /// Optional regular expression the file name must match.
        public var fileName: String?

        enum CodingKeys: String, CodingKey {
            case columns
            case fileName = "file_name"
        }
    }

    public struct KeyColumn: Sendable, Decodable, Equatable {
        /// The column holding the code, or several concatenated (`Code département` +
        /// `Code commune` in the populations légales workbook).
        public var columns: [String]
        public var code: CodeKind

        enum CodingKeys: String, CodingKey {
            case column, code
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let single = try? container.decode(String.self, forKey: .column) {
                columns = [single]
            } else {
                columns = try container.decode([String].self, forKey: .column)
            }
            code = try container.decode(CodeKind.self, forKey: .code)
        }
    }

    public struct VariableRule: Sendable, Decodable, Equatable {
        /// Explicit variable columns; absent means every column that is not key or ignored.
        public var columns: [String]?
        /// Fixed period of every variable, or …
        public var period: String?
        /// … regular expressions whose first group is the two-digit year in the variable code
        /// (`P21_POP` → 2021, `D99_POP` → 1999), tried in order; the vintage otherwise.
        public var periodFromCode: [String]?
        /// Labels for variables that no INSEE dictionary describes.
        public var labels: [String: String]?
        /// Variables that count people, households or dwellings (`PMUN`, `NBMENFISC21`,
        /// `P21_…`), as regular expressions matched against the whole code. A count is never
        /// below zero — a negative value rejects the row, naming it — and adds up across
        /// communes. Declared per source, never guessed from the values: Filosofi's shares
        /// (`PIMPOT21`, taxes) and growth rates are legitimately negative.
        public var counts: [String]?
        /// Other variables that add up across communes (an area, a natural balance, which may
        /// be negative), as regular expressions. Neither counts nor additive (medians, rates,
        /// shares): never summed.
        public var additive: [String]?
        /// Column name → variable code, for files that head columns with labels
        /// ("Population municipale" → `PMUN`), so that one variable keeps one code.
        public var codes: [String: String]?

        enum CodingKeys: String, CodingKey {
            case columns, period, labels, counts, additive, codes
            case periodFromCode = "period_from_code"
        }

        /// Whether `code` is declared a count.
        public func isCount(_ code: String) -> Bool {
            Self.matches(code, counts)
        }

        /// Whether `code` adds up across communes: a count, or declared additive.
        public func isAdditive(_ code: String) -> Bool {
            isCount(code) || Self.matches(code, additive)
        }

        private static func matches(_ code: String, _ patterns: [String]?) -> Bool {
            (patterns ?? []).contains { code.range(of: "^(?:\($0))$", options: .regularExpression) != nil }
        }
    }

    /// How the vintage of a file is known: fixed, or read from its path.
    public struct VintageRule: Sendable, Decodable, Equatable {
        public var fixed: String?
        /// A regular expression; its last match in the path is the vintage.
        public var fromPath: String?
        /// The vintage when the path says nothing (files that are not dated, such as dictionaries).
        public var fallback: String?

        enum CodingKeys: String, CodingKey {
            case fromPath = "from_path"
            case fallback = "default"
        }

        public init(fixed: String? = nil, fromPath: String? = nil, fallback: String? = nil) {
            self.fixed = fixed
            self.fromPath = fromPath
            self.fallback = fallback
        }

        public init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(fixed: text)
            } else {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                self.init(fromPath: try container.decode(String.self, forKey: .fromPath),
                          fallback: try container.decodeIfPresent(String.self, forKey: .fallback))
            }
        }
    }

    /// How one column of a reference table is filled from the file.
    public struct ColumnRule: Sendable, Decodable, Equatable {
        /// Source column(s); several are concatenated (`DEP` + `COM` in the 2017 COG), and
        /// the result is empty when any of them is.
        public var from: [String]
        /// The column may be absent from some layouts; the value is then empty.
        public var optional: Bool?
        public var code: CodeKind?
        public var type: ValueType?
        public var required: Bool?
        /// Published value → stored value; a value absent from the map rejects the row.
        public var map: [String: String]?
        /// An article column (`(L')`, `(LE)`) to put before the name: `L'Abergement-Clémenciat`.
        public var article: String?
        /// Bounds of a number (scores 1–5, shares 0–100); a value outside rejects the row.
        public var min: Double?
        public var max: Double?
        /// `table.column` of another reference table whose current rows must hold the value
        /// (an operation's cité): a value they do not hold rejects the row.
        public var references: String?

        public enum ValueType: String, Sendable, Decodable {
            /// `number`: a decimal, point or comma.
            case text, integer, number, date
        }

        enum CodingKeys: String, CodingKey {
            case from, code, type, required, map, article, optional, min, max, references
        }

        public init(from decoder: any Decoder) throws {
            if let single = try? decoder.singleValueContainer().decode(String.self) {
                from = [single]
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let single = try? container.decode(String.self, forKey: .from) {
                from = [single]
            } else {
                from = try container.decode([String].self, forKey: .from)
            }
            code = try container.decodeIfPresent(CodeKind.self, forKey: .code)
            type = try container.decodeIfPresent(ValueType.self, forKey: .type)
            required = try container.decodeIfPresent(Bool.self, forKey: .required)
            map = try container.decodeIfPresent([String: String].self, forKey: .map)
            article = try container.decodeIfPresent(String.self, forKey: .article)
            optional = try container.decodeIfPresent(Bool.self, forKey: .optional)
            min = try container.decodeIfPresent(Double.self, forKey: .min)
            max = try container.decodeIfPresent(Double.self, forKey: .max)
            references = try container.decodeIfPresent(String.self, forKey: .references)
        }
    }

    /// The delimiter byte declared, if any.
    public var delimiterByte: UInt8? {
        switch format?.delimiter {
        case ";": UInt8(ascii: ";")
        case ",": UInt8(ascii: ",")
        case "\t", "tab": UInt8(ascii: "\t")
        default: nil
        }
    }

    /// Markers of the source, defaulting to INSEE's.
    public var effectiveMarkers: [String: ValueStatus] {
        markers ?? ["s": .secret, "nd": .missing, "ns": .missing, "so": .notApplicable]
    }
}
