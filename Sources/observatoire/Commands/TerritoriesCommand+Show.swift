import ArgumentParser
import Foundation
import Territories

extension TerritoriesCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe a territory: parents, members, population in each populations légales release.",
            discussion: """
                TERRITORY is a code (62498), a prefixed code (COM:62498, EPCI:246200364, DEP:62, REG:32, FR, \
                ZONE:bassin-minier) or a name; an ambiguous name lists the candidates.
                """)

        @OptionGroup var options: Options

        @Option(name: .long, help: "For an EPCI: its members as published for 1 January of this year, against today's perimeter.")
        var asOf: Int?

        @Flag(name: .long, help: "List every member, however many.")
        var all = false

        @Argument(help: "The territory.")
        var territory: String

        func run() throws {
            let directory = try options.directory()
            let found = try directory.resolve(territory)
            let profile = try directory.profile(of: found)
            print("\(found.name) — \(found.id), geography \(found.geography)\(found.detail.map { " — \($0)" } ?? "")")
            if !profile.parents.isEmpty {
                print("  belongs to: " + profile.parents.map(\.label).joined(separator: "; "))
            }
            if found.level != "COM" && found.level != "ARM" {
                print("  communes: \(profile.memberCount)")
            }
            let shown = all ? profile.members : Array(profile.members.prefix(40))
            if !shown.isEmpty {
                print("  members: " + shown.map(\.label).joined(separator: ", ")
                    + (shown.count < profile.members.count ? ", … (\(profile.members.count - shown.count) more; --all lists them)" : ""))
            }
            for figure in profile.populations {
                let value = figure.value.map { Self.grouped($0) } ?? figure.status
                let incomplete = figure.status == "incomplete" ? ", incomplete" : ""
                let coverage = found.level == "COM" || found.level == "ARM" ? "" : " (\(figure.communesWithValue) of \(figure.communes) communes\(incomplete))"
                print("  \(figure.label): \(value)\(coverage)")
            }
            if let asOf {
                guard found.level == "EPCI" else { throw ValidationError("--as-of applies to an EPCI, not to \(found.id).") }
                let history = try directory.epciHistory(of: found, vintage: asOf)
                print("  on 1 January \(history.vintage) (\(history.source)): \(history.name ?? "not published that year"), \(history.members.count) communes")
                if !history.joinedSince.isEmpty { print("    members now, not then: \(history.joinedSince.joined(separator: ", "))") }
                if !history.leftSince.isEmpty { print("    members then, not now: \(history.leftSince.joined(separator: ", "))") }
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
}
