import Catalog
import Core

/// The columns of a Melodi data file, found by name and checked against its source before
/// any row is read: GEO, GEO_OBJECT, TIME_PERIOD and OBS_VALUE; CONF_STATUS, OBS_STATUS and
/// UNIT_MULT when published; the dimensions the source declares. Any other column must be
/// declared `ignore:` (an attribute such as UNIT_MEASURE): a dimension the source does not
/// know would make observations that differ by it one, so the file is refused instead.
struct MelodiLayout {
    typealias Rule = SourceDefinition.MelodiRule

    let geo: Int
    let geoObject: Int
    let period: Int
    let value: Int
    let confStatus: Int?
    let obsStatus: Int?
    let unitMultiplier: Int?
    /// Positions of the declared dimensions, in the order of `melodi.dimensions`.
    let dimensions: [Int]
    /// Column names as published, for rejections and errors.
    let header: [String]

    init(header index: HeaderIndex, definition: SourceDefinition, rule: Rule) throws {
        header = index.header
        geo = try index.require(Rule.geo)
        geoObject = try index.require(Rule.geoObject)
        period = try index.require(Rule.timePeriod)
        value = try index.require(Rule.value)
        confStatus = index.position(of: Rule.confStatusColumn)
        obsStatus = index.position(of: Rule.obsStatusColumn)
        unitMultiplier = index.position(of: Rule.unitMultiplier)
        let published = index.header.joined(separator: ", ")
        dimensions = try rule.dimensions.map { dimension in
            guard let position = index.position(of: dimension) else {
                throw ObservatoireError(.dimensionColumns,
                                  "source \(definition.id) reads the dimension \(dimension) (melodi.dimensions), absent from this file (\(published)): the file is another dataset, or INSEE changed its dimensions. Check the file, or update melodi.dimensions and melodi.variable of \(definition.id) in pipelines/sources",
                                  path: index.path, line: 1, column: dimension)
            }
            return position
        }
        let known = Set([geo, geoObject, period, value] + [confStatus, obsStatus, unitMultiplier].compactMap { $0 } + dimensions)
        let ignored = Set((definition.ignore ?? []).map { $0.uppercased() })
        if let extra = index.header.indices.first(where: { !known.contains($0) && !ignored.contains(index.header[$0].uppercased()) }) {
            let name = index.header[extra]
            throw ObservatoireError(.dimensionColumns,
                              "column \(name) is neither a dimension of source \(definition.id) (melodi.dimensions: \(rule.dimensions.joined(separator: ", "))) nor a column it ignores: rows that differ only by \(name) would be loaded as one observation, so nothing is loaded. Declare \(name) under melodi.dimensions (and in melodi.variable) if it is a dimension, under ignore: if it is an attribute",
                              path: index.path, line: 1, column: name)
        }
    }
}
