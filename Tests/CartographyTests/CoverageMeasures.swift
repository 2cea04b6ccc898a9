import Cartography
import Foundation

/// What tells a clean coverage from a broken one: the sum of its polygons' areas against
/// the area of their union (larger when polygons overlap), and the union's parts and holes
/// (more holes when slivers open between neighbours).
struct CoverageMeasures: CustomStringConvertible {
    var sumOfAreas: Double
    var unionArea: Double
    var unionParts: Int
    var unionHoles: Int
    var vertices: Int

    init(_ geometries: [GeosGeometry], in context: GeosContext) throws {
        sumOfAreas = try geometries.reduce(0) { try $0 + $1.area() }
        let union = try GeosGeometry.union(geometries, in: context)
        unionArea = try union.area()
        let polygons = try union.multiPolygon().polygons
        unionParts = polygons.count
        unionHoles = polygons.reduce(0) { $0 + $1.holes.count }
        vertices = try geometries.reduce(0) { try $0 + $1.vertexCount() }
    }

    /// Area counted twice or more, as a share of the union.
    var overlapShare: Double { (sumOfAreas - unionArea) / unionArea }

    var description: String {
        "\(vertices) vertices, areas summed \(String(format: "%.2f", sumOfAreas / 1e6)) km², union \(String(format: "%.2f", unionArea / 1e6)) km² "
            + "(overlap \(String(format: "%.5f", overlapShare * 100)) %), \(unionParts) part(s), \(unionHoles) hole(s)"
    }
}
