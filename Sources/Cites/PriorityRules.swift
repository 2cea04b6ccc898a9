import Core
import Foundation
import Yams

/// How cités are scored and classed (`pipelines/cites-priorite.yaml`): two parts, social
/// and heritage, each a weighted mean of criteria scored 0–100 on a linear scale, and the
/// threshold above which a part is a strong stake. Kept as data so that the analysts can
/// change weights and scales without recompiling.
public struct PriorityRules: Sendable, Decodable, Equatable {
    public struct Criterion: Sendable, Decodable, Equatable {
        /// A numeric column of `cites`.
        public let column: String
        public let weight: Double
        /// The value that scores 0 and the one that scores 100; between them the score is
        /// linear, beyond them it is 0 or 100. `zero > full` for "the lower, the worse".
        public let zero: Double
        public let full: Double

        public func score(_ value: Double) -> Double {
            min(100, max(0, (value - zero) / (full - zero) * 100))
        }
    }

    public struct Part: Sendable, Decodable, Equatable {
        public let threshold: Double
        public let criteria: [Criterion]
    }

    public let social: Part
    public let heritage: Part

    enum CodingKeys: String, CodingKey {
        case social
        case heritage = "patrimoine"
    }

    public init(social: Part, heritage: Part) {
        self.social = social
        self.heritage = heritage
    }

    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ObservatoireError(.cites, "cannot read the priority rules: \(error.localizedDescription)", path: path)
        }
        do {
            self = try YAMLDecoder().decode(PriorityRules.self, from: text)
        } catch {
            throw ObservatoireError(.cites, "not priority rules (social: and patrimoine:, each with threshold: and criteria: [{column, weight, zero, full}]): \(error)", path: path)
        }
        for (name, part) in [("social", social), ("patrimoine", heritage)] {
            guard !part.criteria.isEmpty else { throw ObservatoireError(.cites, "\(name): give at least one criterion", path: path) }
            for criterion in part.criteria {
                guard CiteInventory.criterionColumns.contains(criterion.column) else {
                    throw ObservatoireError(.cites, "\(name): '\(criterion.column)' is not a criterion column; use one of \(CiteInventory.criterionColumns.joined(separator: ", "))", path: path)
                }
                guard criterion.weight > 0, criterion.zero != criterion.full else {
                    throw ObservatoireError(.cites, "\(name): \(criterion.column) needs a positive weight and zero ≠ full", path: path)
                }
            }
        }
    }
}
