import Core
import Foundation

/// The files a choropleth is written as: the SVG itself, a PNG made from it by librsvg's
/// `rsvg-convert` (Debian `librsvg2-bin`, the renderer GNOME and many map tools use), or an
/// HTML page holding the SVG, to open in any browser and print.
public enum MapFormat: String, Sendable, CaseIterable {
    case svg, png, html

    /// The bytes of the map in this format.
    public func data(of map: ChoroplethMap, renderer: String = "/usr/bin/rsvg-convert") throws -> Data {
        let svg = map.svg()
        switch self {
        case .svg:
            return Data(svg.utf8)
        case .html:
            return Data("""
                <!DOCTYPE html>
                <html lang="fr">
                <head><meta charset="utf-8"><title>\(Markup.escaped(map.title))</title>
                <style>body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; } svg { max-width: 100%; height: auto; }</style></head>
                <body>
                \(svg)</body>
                </html>

                """.utf8)
        case .png:
            return try Self.png(svg, renderer: renderer)
        }
    }

    /// `rsvg-convert` reading the SVG on its standard input, at twice the SVG's size for print.
    private static func png(_ svg: String, renderer: String) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: renderer) else {
            throw ObservatoireError(.report, "\(renderer) is absent: install Debian's librsvg2-bin (scripts/setup-debian does) to write PNG maps, or write --format svg")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["--format", "png", "--zoom", "2"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Written from another thread: the renderer may fill its output pipe before it has read all its input.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(svg.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let png = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw ObservatoireError(.report, "\(renderer) could not render the map (exit \(process.terminationStatus)): \(message)")
        }
        return png
    }
}
