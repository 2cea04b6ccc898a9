import Foundation
import Ingest
import TestSupport

/// Files the project knows that another command reads: each is refused naming that
/// command (or skipped so, inside a folder), never reported as a broken CSV.
extension BadInputCorpus {
    static let citesGeoJSON = """
        {"type": "FeatureCollection", "features": [{"id": "0", "type": "Feature", "properties": {"nom": "Cité du Château des Dames", \
        "commune_1": "Gosnay", "commune_2": null, "type": "Corons", "id_unesco": "92"}, "geometry": {"type": "Polygon", \
        "coordinates": [[[2.578003, 50.507236], [2.576583, 50.508323], [2.577895, 50.509213], [2.578003, 50.507236]]]}}]}
        """
    static let contoursGeoJSON = """
        {"type": "FeatureCollection", "features": [{"id": "0", "type": "Feature", "properties": {"insee": "59276", "nom": "Guesnain"}, \
        "geometry": {"type": "Polygon", "coordinates": [[[3.157879, 50.361977], [3.164034, 50.353601], [3.162861, 50.353686], [3.157879, 50.361977]]]}}]}
        """

    static let otherCommands: [BadInput] = [
        .generated("cites-unesco-2024.geojson", .refused(
            ": a GeoJSON list of cités minières: use observatoire cites references cites-unesco-2024.geojson --list ID (docs/cites.md)")) {
            Array(citesGeoJSON.utf8)
        },
        .generated("contours-2024.geojson", .refused(
            ": a GeoJSON layer that no contours source recognises (properties: insee, nom): declare it under pipelines/sources with kind: contours "
                + "(docs/maps.md), or draw it as it is with observatoire map INDICATOR --territory T --contours contours-2024.geojson")) {
            Array(contoursGeoJSON.utf8)
        },
        // A warehouse left inside the raw folder is skipped, and said to be one.
        .generated("folder-observatoire-2024.sqlite", throughFolder: true, .skipped(
            "a SQLite database, perhaps a warehouse: commands read it with --warehouse folder-observatoire-2024.sqlite (observatoire status --warehouse folder-observatoire-2024.sqlite); sqlite3 and Datasette open it too")) {
            Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 84)
        },
        .generated("observatoire-2024.sqlite", .refused(
            ": a SQLite database, perhaps a warehouse: commands read it with --warehouse observatoire-2024.sqlite (observatoire status --warehouse observatoire-2024.sqlite); sqlite3 and Datasette open it too")) {
            Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 84)
        },
        .generated("communes-2024.gpkg", .refused(
            ": a GeoPackage, not data: convert it to GeoJSON in WGS84 (ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson FILE) for observatoire map --contours or observatoire cites references")) {
            Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 84)
        },
        .generated("communes-2024.zip", .refused(
            ": a zipped shapefile, not data: convert it to GeoJSON in WGS84 (ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson FILE) for observatoire map --contours or observatoire cites references")) {
            zipArchive([ZipMember("communes.shp", bytes: [0x00, 0x00, 0x27, 0x0A] + [UInt8](repeating: 0, count: 96)),
                        ZipMember("communes.dbf", bytes: [0x03] + [UInt8](repeating: 0, count: 31))])
        },
        .generated("portrait-2024.html", .refused(
            ": an HTML page (a portrait written by observatoire portrait, or a page saved from a website), not data: give the CSV, XLSX or zip the page offers")) {
            Array("<!DOCTYPE html>\n<html lang=\"fr\"><head><title>Portrait</title></head><body><table><tr><td>1;2</td></tr></table></body></html>\n".utf8)
        },
        .generated("notice-2024.pdf", .refused(
            ": a PDF document, not data: INSEE and the other producers publish the data itself as CSV, XLSX or zip")) {
            Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n".utf8)
        },
        .generated("filosofi-2024.yaml", .refused(
            ": a definition (of a source, an indicator or a zone), not data: it belongs under pipelines/ (sources/, indicators/ or zones/), where every command reads it; observatoire sources lists the sources")) {
            Array("# Filosofi\nid: filosofi-commune-2024\nlabel: \"Filosofi 2024\"\nkind: observations\n".utf8)
        },
    ]
}
