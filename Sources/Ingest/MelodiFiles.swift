import Catalog
import Foundation
import Tabular

/// Where the two files of a Melodi dataset are: `DS_<NAME>_data.csv` and
/// `DS_<NAME>_metadata.csv` side by side in a folder, or members of the zip archive INSEE
/// ships them in. Members are streamed from the archive through the same CSV reader as any
/// file, never extracted.
struct MelodiFiles {
    private enum Location {
        case folder
        case archive(ZipArchive, data: ZipArchive.Entry, metadata: ZipArchive.Entry?)
    }

    /// The data file: its path, or `archive.zip!member` for a member (as errors name it).
    let dataPath: String
    /// The metadata file, named the same way, whether it exists or not; nil when the data
    /// file is not named `…_data.csv` (renamed), so that no metadata name follows from it.
    let metadataPath: String?
    private let location: Location

    /// A data file in a folder; its metadata is looked for beside it.
    init(dataPath: String) {
        self.dataPath = dataPath
        let url = URL(fileURLWithPath: dataPath)
        metadataPath = SourceDefinition.MelodiRule.metadataName(ofData: url.lastPathComponent).map {
            url.deletingLastPathComponent().appendingPathComponent($0).path
        }
        location = .folder
    }

    /// A data member of a zip archive; its metadata is looked for among the members of the
    /// same folder of the archive.
    init(archive: ZipArchive, data: ZipArchive.Entry) {
        let metadataName = Self.sibling(of: data.name)
        dataPath = archive.path + "!" + data.name
        metadataPath = metadataName.map { archive.path + "!" + $0 }
        location = .archive(archive, data: data, metadata: metadataName.flatMap { archive.entry(named: $0) })
    }

    /// `dir/DS_X_data.csv` → `dir/DS_X_metadata.csv`.
    private static func sibling(of member: String) -> String? {
        let parts = member.split(separator: "/", omittingEmptySubsequences: false)
        guard let metadata = SourceDefinition.MelodiRule.metadataName(ofData: String(parts.last ?? "")) else { return nil }
        return (parts.dropLast().map(String.init) + [metadata]).joined(separator: "/")
    }

    var hasMetadata: Bool {
        switch location {
        case .folder: metadataPath.map { FileManager.default.fileExists(atPath: $0) } ?? false
        case .archive(_, _, let metadata): metadata != nil
        }
    }

    /// The data file from its first record, as published or with the delimiter and
    /// encoding its source declares.
    func openData(delimiter: UInt8? = nil, encoding: TextEncoding? = nil) throws -> CSVReader {
        switch location {
        case .folder:
            try CSVReader(path: dataPath, delimiter: delimiter, encoding: encoding)
        case .archive(let archive, let data, _):
            try CSVReader(source: archive.open(data), path: dataPath, delimiter: delimiter, encoding: encoding)
        }
    }

    /// The metadata file, nil when the dataset came without it.
    func openMetadata() throws -> CSVReader? {
        guard hasMetadata, let metadataPath else { return nil }
        switch location {
        case .folder:
            return try CSVReader(path: metadataPath)
        case .archive(let archive, _, let metadata):
            return try CSVReader(source: archive.open(metadata!), path: metadataPath)
        }
    }
}
