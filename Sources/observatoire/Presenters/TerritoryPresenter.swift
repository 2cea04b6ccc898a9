import Territories
import Warehouse

/// A territory as `territories show` and `territories search` print it.
struct TerritoryPresenter {
    let console: Console

    /// Parents, members (the first 40 unless `allMembers`), and its population in each release.
    func present(_ territory: Territory, profile: TerritoryProfile, allMembers: Bool) {
        console.show("\(territory.name) — \(territory.id), geography \(territory.geography)\(territory.detail.map { " — \($0)" } ?? "")")
        if !profile.parents.isEmpty {
            console.show("  belongs to: " + profile.parents.map(\.label).joined(separator: "; "))
        }
        let isCommune = territory.level == "COM" || territory.level == "ARM"
        if !isCommune {
            console.show("  communes: \(profile.memberCount)")
        }
        let shown = allMembers ? profile.members : Array(profile.members.prefix(40))
        if !shown.isEmpty {
            console.show("  members: " + shown.map(\.label).joined(separator: ", ")
                + (shown.count < profile.members.count ? ", … (\(profile.members.count - shown.count) more; --all lists them)" : ""))
        }
        for figure in profile.populations {
            let value = figure.value.map(Self.grouped) ?? figure.status
            let incomplete = figure.status == "incomplete" ? ", incomplete" : ""
            let coverage = isCommune ? "" : " (\(figure.communesWithValue) of \(figure.communes) communes\(incomplete))"
            console.show("  \(figure.label): \(value)\(coverage)")
        }
    }

    /// An EPCI's members on 1 January of a year, against today's.
    func present(_ history: EPCIHistory) {
        console.show("  on 1 January \(history.vintage) (\(history.source)): \(history.name ?? "not published that year"), \(history.members.count) communes")
        if !history.joinedSince.isEmpty { console.show("    members now, not then: \(history.joinedSince.joined(separator: ", "))") }
        if !history.leftSince.isEmpty { console.show("    members then, not now: \(history.leftSince.joined(separator: ", "))") }
    }

    /// One line per territory found: its id, then its name.
    func present(found: [Territory]) {
        for territory in found {
            console.show(territory.id.padding(toLength: 22, withPad: " ", startingAt: 0) + territory.name)
        }
    }

    /// 1 352 111, as French tables write it (with a plain space).
    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var out = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(" ") }
            out.append(character)
        }
        return String(out.reversed())
    }
}
