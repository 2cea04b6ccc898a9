import Core
import Foundation
import Tabular

/// Files the project knows that `ingest` does not read: a GeoJSON layer, a warehouse, a
/// portrait, a definition … Each is named with the command that reads it, instead of an
/// error about its first line as if it were a broken CSV ("malformed quoted field").
enum ForeignFile {
    /// How much of the start of a file is looked at.
    static let sample = 64 * 1024

    /// Throws `read-by-another-command` when `path` is one of those files.
    static func refuse(path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let what = try describe(start: start(of: path), name: name) else { return }
        throw ObservatoireError(.readByAnotherCommand, what, path: path)
    }

    /// A zip archive of a shapefile, which no source reads either.
    static func refuse(archive: ZipArchive) throws {
        guard archive.entries.contains(where: { $0.name.lowercased().hasSuffix(".shp") }) else { return }
        throw ObservatoireError(.readByAnotherCommand, "a zipped shapefile, not data: \(convertToGeoJSON)", path: archive.path)
    }

    /// What the file is and which command reads it, or nil for a file to parse.
    static func describe(start bytes: [UInt8], name: String) -> String? {
        let lower = name.lowercased()
        if bytes.starts(with: Array("SQLite format 3\u{0}".utf8)) {
            if lower.hasSuffix(".gpkg") { return "a GeoPackage, not data: \(convertToGeoJSON)" }
            return "a SQLite database, perhaps a warehouse: commands read it with --warehouse \(name) (observatoire status --warehouse \(name)); sqlite3 and Datasette open it too"
        }
        if bytes.starts(with: Array("%PDF-".utf8)) {
            return "a PDF document, not data: INSEE and the other producers publish the data itself as CSV, XLSX or zip"
        }
        if bytes.starts(with: [0x00, 0x00, 0x27, 0x0A]) { return "a shapefile, not data: \(convertToGeoJSON)" }
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.hasPrefix("{"), text.contains("\"Feature") {
            return describeLayer(name: name, properties: text.contains("\"commune_1\"") ? ["commune_1"] : [])
        }
        let head = trimmed.prefix(200).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") {
            return "an HTML page (a portrait written by observatoire portrait, or a page saved from a website), not data: give the CSV, XLSX or zip the page offers"
        }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if lines.first?.hasPrefix("id:") == true, lines.prefix(12).contains(where: { $0.hasPrefix("kind:") || $0.hasPrefix("label:") }) {
            return "a definition (of a source, an indicator or a zone), not data: it belongs under pipelines/ (sources/, indicators/ or zones/), where every command reads it; observatoire sources lists the sources"
        }
        return nil
    }

    /// A GeoJSON layer no contours source recognises: a list of cités, or contours to declare.
    static func describeLayer(name: String, properties: [String]) -> String {
        if properties.contains("commune_1") || name.lowercased().contains("cite") {
            return "a GeoJSON list of cités minières: use observatoire cites references \(name) --list ID (docs/cites.md)"
        }
        let shown = properties.isEmpty ? "" : " (properties: \(properties.prefix(8).joined(separator: ", ")))"
        return "a GeoJSON layer that no contours source recognises\(shown): declare it under pipelines/sources with kind: contours "
            + "(docs/maps.md), or draw it as it is with observatoire map INDICATOR --territory T --contours \(name)"
    }

    private static let convertToGeoJSON =
        "convert it to GeoJSON in WGS84 (ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson FILE) for observatoire map --contours or observatoire cites references"

    private static func start(of path: String) throws -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: sample)
        var count = 0
        while count < sample {
            let read = try bytes.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            if read == 0 { break }
            count += read
        }
        return Array(bytes.prefix(count))
    }
}
