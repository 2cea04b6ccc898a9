/// Text put inside HTML and SVG markup by code rather than by a template (charts, maps).
enum Markup {
    /// `&`, `<`, `>` and `"` as entities: safe in element text and in quoted attributes.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
