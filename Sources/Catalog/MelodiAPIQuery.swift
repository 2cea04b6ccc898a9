import Foundation

extension SourceDefinition {
    /// One dataset that `observatoire fetch` asks INSEE's open Melodi API for, restricted to
    /// the territories a pipeline needs (`…/melodi/data/DS_FILOSOFI_CC?GEO=DEP-62*COM`),
    /// rather than downloading the whole archive. The answer is written as the dataset's
    /// published files (`DS_<NAME>_data.csv` beside `DS_<NAME>_metadata.csv`) in the folder
    /// `to`, so that `ingest` reads it as it reads the archive (see docs/melodi.md).
    public struct MelodiAPIQuery: Sendable, Decodable, Equatable {
        /// The API's address, as INSEE's own R package calls it.
        public static let defaultBaseURL = "https://api.insee.fr/melodi"
        /// Observations per page: a few megabytes of JSON, so that a département's communes
        /// take two or three requests of the 30 a minute allowed.
        public static let defaultPageSize = 10_000
        /// The largest `maxResult` the API accepts.
        public static let largestPageSize = 100_000

        /// The dataset's identifier in the catalogue (`DS_FILOSOFI_CC`).
        public var dataset: String
        /// GEO filters as the API takes them, each asked on its own: `DEP-62` (the
        /// département's own values), `DEP-62*COM` (every commune of it), `COM-62498`,
        /// `EPCI-246200364`, `REG-32`. They must not overlap: an observation asked twice
        /// would be written twice, and `ingest` refuses a duplicated observation.
        public var geo: [String]
        /// The folder, relative to the raw folder, that receives the dataset's files.
        public var to: String
        /// Observations asked per page (`maxResult`).
        public var pageSize: Int?
        /// Another address of the API (a mirror, a proxy).
        public var url: String?
        /// Whether the labels of the codes are asked too (`…/melodi/range/DS_…`) and written
        /// as the metadata file; `false` fetches the data alone, labelled from the definition.
        public var labels: Bool?

        enum CodingKeys: String, CodingKey {
            case dataset, geo, to, url, labels
            case pageSize = "page_size"
        }

        public init(dataset: String, geo: [String], to: String, pageSize: Int? = nil, url: String? = nil, labels: Bool? = nil) {
            self.dataset = dataset
            self.geo = geo
            self.to = to
            self.pageSize = pageSize
            self.url = url
            self.labels = labels
        }

        /// The name `ingest` recognises a dataset's data file by.
        public var dataFileName: String { dataset + "_data.csv" }
        public var metadataFileName: String { dataset + "_metadata.csv" }
        public var effectivePageSize: Int { pageSize ?? Self.defaultPageSize }
        public var asksLabels: Bool { labels ?? true }

        /// What is wrong with this declaration in `definition`, if anything: what the API
        /// would refuse, or a file `ingest` would not recognise as the source's.
        public func problem(in definition: SourceDefinition) -> String? {
            guard definition.kind == .melodi else {
                return "melodi_api: is for melodi sources (INSEE's long datasets): this source is \(definition.kind.rawValue)"
            }
            guard dataset.range(of: "^[A-Z][A-Z0-9_]*$", options: .regularExpression) != nil else {
                return "melodi_api.dataset '\(dataset)' is not a Melodi identifier (upper-case letters, digits and _, such as DS_FILOSOFI_CC)"
            }
            guard !geo.isEmpty else {
                return "melodi_api.geo must name at least one GEO filter (DEP-62, DEP-62*COM, COM-62498 …): the whole dataset is the archive under downloads:"
            }
            for filter in geo where filter.range(of: "^[A-Z][A-Z0-9_]*-[A-Za-z0-9]+(\\*[A-Z][A-Z0-9_]*)?$", options: .regularExpression) == nil {
                return "melodi_api.geo '\(filter)' is not a GEO filter of the API: GEO_OBJECT-CODE (DEP-62, COM-62498, EPCI-246200364), optionally *LEVEL for the territories of that level inside it (DEP-62*COM)"
            }
            if let twice = geo.first(where: { filter in geo.filter { $0 == filter }.count > 1 }) {
                return "melodi_api.geo names \(twice) twice: its observations would be written twice"
            }
            guard RawPath.isSafe(to) else {
                return "melodi_api.to '\(to)' must be a relative path inside the raw folder (no '..', no leading '/')"
            }
            if let pageSize, !(1...Self.largestPageSize).contains(pageSize) {
                return "melodi_api.page_size \(pageSize) must be between 1 and \(Self.largestPageSize) (the API's largest maxResult)"
            }
            if let url {
                guard let address = URL(string: url), ["http", "https"].contains(address.scheme ?? "") else {
                    return "melodi_api.url '\(url)' is not an http(s) address"
                }
            }
            if let pattern = definition.recognise.fileName, dataFileName.range(of: pattern, options: .regularExpression) == nil {
                return "melodi_api.dataset \(dataset) gives the file \(dataFileName), which recognise.file_name ('\(pattern)') does not match: ingest would not read it as this source"
            }
            return nil
        }
    }
}
