/// What being in a reference list means for the inventory, checked for every cité: the
/// UNESCO list holds the cités the inventory marks `unesco`; the ERBM list holds the cités
/// with operations of the ERBM programme. A list loaded under another id gets the same
/// rule with its id.
public struct ListRule: Sendable, Equatable {
    public enum Check: Sendable, Equatable {
        /// The inventory's `unesco` column says whether the list has the cité.
        case inventoryFlag
        /// A cité with operations of this programme must be in the list.
        case programmeOperations(String)
    }

    public let listID: String
    public let check: Check

    public static func inventoryFlag(list: String) -> ListRule { ListRule(listID: list, check: .inventoryFlag) }

    public static func programmeOperations(list: String, programme: String) -> ListRule {
        ListRule(listID: list, check: .programmeOperations(programme))
    }

    /// What goes unchecked while the list is not loaded.
    var checks: String {
        switch check {
        case .inventoryFlag: "UNESCO status"
        case .programmeOperations(let programme): "\(programme) operations"
        }
    }

    /// Where `cite` (matched to `found` of `list`, or to none) breaks the rule.
    func issues(of cite: CiteInventory.Cite, found: CiteReferenceList.Cite?, list: CiteReferenceList,
                inventory: CiteInventory) -> [CiteComparison.Issue] {
        switch check {
        case .inventoryFlag:
            if found == nil, cite.isUNESCO {
                return [CiteComparison.Issue(kind: .unesco, message: "the inventory says unesco \(cite.unesco), but list \(list.id) does not have it")]
            }
            if let found, !cite.isUNESCO {
                return [CiteComparison.Issue(kind: .unesco, message: "the inventory says unesco non, but list \(list.id) has it (\(found.refID ?? found.nom))")]
            }
            return []
        case .programmeOperations(let programme):
            let operations = inventory.operations.filter { $0.cite == cite.id && $0.programme == programme }
            guard found == nil, !operations.isEmpty else { return [] }
            let dwellings = operations.map(\.logements).reduce(0, +)
            return [CiteComparison.Issue(kind: .erbm, message: "\(operations.count) \(programme) operation\(operations.count == 1 ? "" : "s") "
                + "(\(dwellings) dwellings), but list \(list.id) does not have it")]
        }
    }
}
