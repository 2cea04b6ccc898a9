import Foundation

/// The page that links the portraits of one `portrait --all` (`index.html`): one row per
/// territory with its name, code and, for each member indicator of the layout, its value,
/// sortable in the browser by any column, so that an analyst finds the poorest communes of
/// a basin before opening their portraits.
struct PortraitIndex {
    struct Row {
        let name: String
        let code: String
        let file: String
        let cells: [PortraitView.MemberCell]
    }

    let title: String
    let headers: [String]
    let rows: [Row]
    let production: String
    let software: String

    /// - Parameters:
    ///   - indicators: the layout's member indicators (`PortraitLayout.members`), each shown when a portrait has it.
    init(_ portraits: [Portrait], format: PortraitFormat, indicators ids: [String], scope: String) {
        let known = portraits.flatMap(\.entries).map(\.indicator)
        let indicators = ids.compactMap { id in known.first { $0.id == id } }
        title = "Portraits : \(scope)"
        headers = indicators.map { "\($0.label) (\($0.unit))" }
        rows = portraits.sorted { $0.subject.name.localizedCompare($1.subject.name) == .orderedAscending }.map { portrait in
            let entries = Dictionary(portrait.entries.map { ($0.indicator.id, $0) }, uniquingKeysWith: { first, _ in first })
            return Row(name: portrait.subject.name, code: portrait.subject.code, file: PortraitRenderer.fileName(of: portrait, format: format),
                       cells: indicators.map { indicator in
                           guard let value = entries[indicator.id]?.subject else { return PortraitView.MemberCell(text: "", sortKey: "") }
                           let text = value.value.map { FrenchNumber.format($0, unit: indicator.unit, count: indicator.isCount) }
                               ?? PortraitView.symbol(of: value.status).symbol
                           return PortraitView.MemberCell(text: text, sortKey: value.value.map { String($0) } ?? "")
                       })
        }
        production = portraits.first.map { PortraitView.productionLine($0.production) } ?? ""
        software = portraits.first?.production.software ?? ""
    }
}
