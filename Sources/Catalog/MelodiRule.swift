import Core
import Tabular

extension SourceDefinition {
    /// How a dataset of INSEE's Melodi catalogue is read. Since 2025 INSEE publishes local
    /// data as `DS_<NAME>_data.csv` in long form — one row per territory × dimension codes
    /// × period (`GEO;GEO_OBJECT;FILOSOFI_MEASURE;UNIT_MEASURE;UNIT_MULT;CONF_STATUS;
    /// OBS_STATUS;TIME_PERIOD;OBS_VALUE`), communes, EPCI, départements and régions in one
    /// file — beside `DS_<NAME>_metadata.csv`, the labels of its codes. The dimension
    /// columns differ per dataset: they are declared here, so that a new dataset needs no
    /// Swift code (see docs/melodi.md).
    public struct MelodiRule: Sendable, Decodable, Equatable {
        /// The dimension columns besides GEO, GEO_OBJECT and TIME_PERIOD (`FILOSOFI_MEASURE`;
        /// `AGE`, `SEX` …). A file with a dimension column not declared here, or without one
        /// declared, is refused: its rows would be other observations than the ones read.
        public var dimensions: [String]
        /// How the codes of an observation make our variable code (`{FILOSOFI_MEASURE}{yy}`).
        public var variable: String
        /// Per dimension, published code → the code put in `variable` (`MED_SL` → `MED`);
        /// a code not listed is used as published.
        public var codes: [String: [String: String]]?
        /// GEO_OBJECT → the kind of its codes, for each level loaded (`COM: commune`,
        /// `EPCI: epci`, `DEP: departement`, `REG: region`). Levels above the commune are
        /// loaded as the values published there.
        public var levels: [String: CodeKind]
        /// GEO_OBJECTs the dataset publishes that no territory of ours matches (`FRANCE`,
        /// `ZE2020` …): counted and reported with the file, not loaded. Any other GEO_OBJECT
        /// refuses the file.
        public var levelsNotLoaded: [String]?
        /// CONF_STATUS code → status: `ok` for free, the status otherwise. Added to (or
        /// overriding) `defaultConfStatus`; a code in neither refuses the file.
        public var confStatus: [String: ValueStatus]?
        /// OBS_STATUS code → status. Added to (or overriding) `defaultObsStatus`; a code in
        /// neither refuses the file.
        public var obsStatus: [String: ValueStatus]?

        enum CodingKeys: String, CodingKey {
            case dimensions, variable, codes, levels
            case levelsNotLoaded = "levels_not_loaded"
            case confStatus = "conf_status"
            case obsStatus = "obs_status"
        }

        /// SDMX's code list CL_CONF_STATUS, which Melodi files use: F (free) is published,
        /// every other code withholds the value — a secret, never a zero nor a missing value.
        public static let defaultConfStatus: [String: ValueStatus] = [
            "F": .ok, "C": .secret, "D": .secret, "S": .secret, "N": .secret,
        ]

        /// SDMX's code list CL_OBS_STATUS, as far as it says what a value is: A (normal
        /// value) and W (includes data of another category) are values; O (missing), L
        /// (exists but not collected) and K (included in another category) are missing;
        /// M (cannot exist) is not applicable; Q (suppressed) is secret. Quality flags (E
        /// estimated, P provisional …) are not listed: a file with one is refused until the
        /// source says how to read it.
        public static let defaultObsStatus: [String: ValueStatus] = [
            "A": .ok, "W": .ok, "O": .missing, "L": .missing, "K": .missing, "M": .notApplicable, "Q": .secret,
        ]

        /// The columns every Melodi data file has, and the attributes read for the status
        /// and scale of each value; any other column is a dimension or declared `ignore:`.
        public static let geo = "GEO", geoObject = "GEO_OBJECT", timePeriod = "TIME_PERIOD", value = "OBS_VALUE"
        public static let confStatusColumn = "CONF_STATUS", obsStatusColumn = "OBS_STATUS", unitMultiplier = "UNIT_MULT"
        public static let readColumns = [geo, geoObject, timePeriod, value, confStatusColumn, obsStatusColumn, unitMultiplier]

        public var effectiveConfStatus: [String: ValueStatus] {
            Self.defaultConfStatus.merging(confStatus ?? [:]) { $1 }
        }

        public var effectiveObsStatus: [String: ValueStatus] {
            Self.defaultObsStatus.merging(obsStatus ?? [:]) { $1 }
        }

        /// The variable template, parsed against the dimensions.
        public func template() throws(VariableTemplate.TemplateError) -> VariableTemplate {
            try VariableTemplate(variable, dimensions: dimensions)
        }

        /// The data file of a dataset → its metadata file: `DS_FILOSOFI_CC_data.csv` →
        /// `DS_FILOSOFI_CC_metadata.csv`; nil for a name that does not end in `_data.csv`.
        public static func metadataName(ofData name: String) -> String? {
            let suffix = "_data.csv"
            guard name.count > suffix.count, name.lowercased().hasSuffix(suffix) else { return nil }
            let stem = name.dropLast(suffix.count)
            let published = name.suffix(suffix.count)
            return stem + (published == published.uppercased() ? "_METADATA.CSV" : "_metadata.csv")
        }

        /// The metadata file of a dataset → its data file (`…_metadata.csv` → `…_data.csv`).
        public static func dataName(ofMetadata name: String) -> String? {
            let suffix = "_metadata.csv"
            guard name.count > suffix.count, name.lowercased().hasSuffix(suffix) else { return nil }
            let published = name.suffix(suffix.count)
            return name.dropLast(suffix.count) + (published == published.uppercased() ? "_DATA.CSV" : "_data.csv")
        }
    }
}
