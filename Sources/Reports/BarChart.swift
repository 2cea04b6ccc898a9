import Foundation

/// A horizontal bar chart as inline SVG: one bar per territory, the portrait's own
/// territory in a stronger colour, values written in French beside the bars. Territories
/// without a value get no bar, only their name and the symbol of their status (`s`, `ci`,
/// `ef`, `nd` …), as in the tables.
struct BarChart {
    let title: String
    let unit: String
    let bars: [(label: String, value: Double?, highlighted: Bool)]
    /// The symbol written for each bar without a value, by position; `nd` where none is given.
    var symbols: [String] = []

    private static let labelWidth = 250.0
    private static let barArea = 300.0
    private static let valueWidth = 110.0
    private static let rowHeight = 24.0

    var svg: String {
        let values = bars.compactMap(\.value)
        let low = min(0, values.min() ?? 0)
        let high = max(0, values.max() ?? 0)
        let span = high - low == 0 ? 1 : high - low
        func x(_ value: Double) -> Double { Self.labelWidth + (value - low) / span * Self.barArea }
        let width = Self.labelWidth + Self.barArea + Self.valueWidth
        let height = Self.rowHeight * Double(bars.count) + 30
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(Markup.escaped(title))">
            <text x="0" y="14" class="chart-title">\(Markup.escaped(title))</text>

            """
        for (index, bar) in bars.enumerated() {
            let top = 24 + Double(index) * Self.rowHeight
            svg += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(top + 15)\" text-anchor=\"end\">\(Markup.escaped(Self.shortened(bar.label)))</text>\n"
            guard let value = bar.value else {
                svg += "<text x=\"\(x(0) + 4)\" y=\"\(top + 15)\">\(index < symbols.count ? symbols[index] : "nd")</text>\n"
                continue
            }
            let (start, end) = (min(x(0), x(value)), max(x(0), x(value)))
            svg += "<rect x=\"\(Self.number(start))\" y=\"\(top + 3)\" width=\"\(Self.number(max(end - start, 1)))\" height=\"\(Self.rowHeight - 8)\" class=\"\(bar.highlighted ? "bar subject" : "bar")\"/>\n"
            svg += "<text x=\"\(Self.number(Self.labelWidth + Self.barArea + 6))\" y=\"\(top + 15)\">\(Markup.escaped(FrenchNumber.format(value, unit: unit)))</text>\n"
        }
        return svg + "</svg>"
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// What fits left of the bars.
    private static func shortened(_ label: String) -> String {
        label.count <= 36 ? label : label.prefix(35) + "…"
    }
}
