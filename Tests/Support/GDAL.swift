import Foundation
import Testing

/// GDAL's command-line tools (Debian gdal-bin), to read the GeoPackage and GeoJSON files we
/// write as QGIS would, and to make reference files with another implementation.
public enum GDAL {
    public static let ogrinfo = "/usr/bin/ogrinfo"
    public static let ogr2ogr = "/usr/bin/ogr2ogr"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: ogrinfo) }
    public static let absent: Comment = "GDAL's ogrinfo is absent (Debian gdal-bin; scripts/setup-debian installs it): GIS files not checked"

    /// Runs a GDAL tool, standard output and error together; throws on a non-zero exit.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (status, output) = try ToolProcess.run(tool, arguments)
        guard status == 0 else {
            throw Failure(description: "\((tool as NSString).lastPathComponent) \(arguments.joined(separator: " ")) exited with \(status): \(output)")
        }
        return output
    }

    /// The sum of the areas of a layer's geometries, as GDAL computes them.
    public static func totalArea(of path: String, layer: String) throws -> Double {
        let output = try run(ogrinfo, [path, "-dialect", "OGRSQL", "-sql", "SELECT SUM(OGR_GEOM_AREA) FROM \(layer)"])
        guard let match = output.firstMatch(of: /SUM_OGR_GEOM_AREA \(Real\) = ([0-9.eE+-]+)/), let area = Double(match.1) else {
            throw Failure(description: "no area in ogrinfo's answer: \(output)")
        }
        return area
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
