import Core
import Foundation
import Mustache

/// The HTML and Markdown templates of `pipelines/reports/templates`, read at each run so
/// that an analyst edits the page without recompiling. They render a `PortraitView`, and
/// the index of a batch of portraits a `PortraitIndex`.
public struct PortraitTemplates: Sendable {
    let html: MustacheTemplate
    let markdown: MustacheTemplate
    let index: MustacheTemplate

    public init(directory: String) throws {
        html = try Self.load(directory, "portrait.html.mustache")
        markdown = try Self.load(directory, "portrait.md.mustache")
        index = try Self.load(directory, "index.html.mustache")
    }

    private static func load(_ directory: String, _ name: String) throws -> MustacheTemplate {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ObservatoireError(.report, "cannot read this template: \(error.localizedDescription); pass --pipelines DIR", path: path)
        }
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw ObservatoireError(.report, "line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error) in “\(error.context.line)”", path: path)
        } catch {
            throw ObservatoireError(.report, "cannot parse this template: \(error)", path: path)
        }
    }
}
