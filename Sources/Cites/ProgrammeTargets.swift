import Core
import Foundation
import Yams

/// The renovation programmes and their targets (`pipelines/programmes.yaml`), kept as data
/// so that a revised target or a new programme needs no recompiling.
public struct ProgrammeTargets: Sendable {
    public struct Programme: Sendable, Decodable, Equatable {
        /// As in `renovation_operations.programme` (ERBM, NPNRU …).
        public let id: String
        public let label: String
        /// Dwellings to renovate over the programme.
        public let target: Int
        public let start: Int
        public let end: Int
    }

    private struct File: Decodable {
        let programmes: [Programme]
    }

    public let programmes: [Programme]

    public init(path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ObservatoireError(.cites, "cannot read the programmes: \(error.localizedDescription)", path: path)
        }
        do {
            programmes = try YAMLDecoder().decode(File.self, from: text).programmes
        } catch {
            throw ObservatoireError(.cites, "not a programme list (programmes: [{id, label, target, start, end}]): \(error)", path: path)
        }
        for programme in programmes where programme.target <= 0 || programme.end < programme.start {
            throw ObservatoireError(.cites, "programme \(programme.id): the target must be positive and end ≥ start", path: path)
        }
    }
}
