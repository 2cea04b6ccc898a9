import Core

/// The communes of France at any 1 January, rebuilt from one COG vintage and its
/// mouvements: the list of year Y is the reference list with every later event undone.
///
/// One COG plus its mouvements therefore answers for every vintage since 1943, and the
/// lists of other COG files, when loaded, serve as checks rather than as inputs.
public struct CommuneHistory: Sendable {
    /// The COG vintage the reference list and the mouvements come from.
    public let referenceVintage: Int
    let reference: Set<String>
    /// Events grouped by effective date, oldest first.
    let eventDates: [EventDate]

    struct EventDate: Sendable {
        let date: String
        let vintage: Int
        let changes: [CommuneChange]
    }

    /// - Parameters:
    ///   - communes: codes of type `COM` in the COG of `vintage`.
    ///   - changes: the mouvements file of the same COG.
    public init(vintage: Int, communes: Set<String>, changes: [CommuneChange]) {
        referenceVintage = vintage
        reference = communes
        let byDate = Dictionary(grouping: changes.filter { CommuneChange.vintage(ofDate: $0.date) <= vintage }, by: \.date)
        eventDates = byDate.keys.sorted().map { date in
            EventDate(date: date, vintage: CommuneChange.vintage(ofDate: date), changes: byDate[date]!)
        }
    }

    /// The oldest vintage the mouvements reach back to.
    public var firstVintage: Int { eventDates.first.map { $0.vintage - 1 } ?? referenceVintage }

    /// Commune codes (type `COM`) in force on 1 January of `vintage`.
    public func communes(in vintage: Int) throws -> Set<String> {
        guard vintage <= referenceVintage else {
            throw ObservatoireError(.missingReference,
                                 "the loaded COG is \(referenceVintage); load the COG \(vintage) communes and mouvements files to work on geography \(vintage)")
        }
        var state = reference
        for event in eventDates.reversed() where event.vintage > vintage {
            Self.undo(event, on: &state)
        }
        return state
    }

    /// Commune lists for every vintage of `range`, computed in one backward walk.
    public func communesByVintage(_ range: ClosedRange<Int>) -> [Int: Set<String>] {
        var lists: [Int: Set<String>] = [:]
        var state = reference
        var remaining = eventDates.reversed()[...]
        for vintage in stride(from: min(range.upperBound, referenceVintage), through: range.lowerBound, by: -1) {
            while let event = remaining.first, event.vintage > vintage {
                Self.undo(event, on: &state)
                remaining = remaining.dropFirst()
            }
            lists[vintage] = state
        }
        return lists
    }

    /// Whether `code` takes part in no merger, split or code change effective after
    /// `from` up to `through`, so that a figure of `through` still describes the same
    /// commune (a renaming keeps it).
    public func isUnchanged(_ code: String, after from: Int, through: Int) -> Bool {
        !eventDates.contains { event in
            event.vintage > from && event.vintage <= through && event.changes.contains {
                $0.isCommuneToCommune && $0.codeBefore != $0.codeAfter && ($0.codeBefore == code || $0.codeAfter == code)
            }
        }
    }

    /// The events effective after `from` up to `to`, oldest first.
    func events(after from: Int, through to: Int) -> [EventDate] {
        eventDates.filter { $0.vintage > from && $0.vintage <= to }
    }

    /// State before an event from the state after it: communes created by it go, the
    /// communes it consumed come back. A commune is created by a commune-to-commune row
    /// or by a création / rétablissement; the other rows (a commune déléguée removed,
    /// an association turned into a fusion) leave the list of communes unchanged. A code
    /// both created and absorbed that day (14513 → 50649 → 50592) existed neither before
    /// nor after.
    private static func undo(_ event: EventDate, on state: inout Set<String>) {
        let created = Set(event.changes.filter { $0.isCommuneToCommune && $0.codeBefore != $0.codeAfter }.map(\.codeAfter))
        let transient = created.filter { !state.contains($0) }
        for change in event.changes where change.typeAfter == "COM" && (change.isCommuneToCommune || [20, 21].contains(change.mod)) {
            state.remove(change.codeAfter)
        }
        for change in event.changes where change.isCommuneToCommune && !transient.contains(change.codeBefore) {
            state.insert(change.codeBefore)
        }
    }
}
