import Foundation
import Testing

/// The modules point one way: Package.swift lists the targets in the order of the flow
/// (Core, readers, warehouse, stages, outputs, reports, the CLI), a target depends only on
/// targets listed before it, and every module a source file imports is declared.
struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Target {
        let name: String
        let kind: String
        let dependencies: [String]
        /// The folder of its sources, when not the default one.
        let path: String?
    }

    /// The targets of Package.swift in their order, with the targets they depend on
    /// (products of other packages left out).
    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try NSRegularExpression(pattern: #"\.(target|testTarget|executableTarget|systemLibrary)\(name: "([A-Za-z]+)""#)
        let matches = start.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest))
        return matches.enumerated().map { index, match in
            let end = index + 1 < matches.count ? matches[index + 1].range.location : (manifest as NSString).length
            var text = (manifest as NSString).substring(with: NSRange(location: match.range.location, length: end - match.range.location))
            text = text.replacingOccurrences(of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
            var dependencies: [String] = []
            if let list = text.range(of: #"dependencies: \[[^\]]*\]"#, options: .regularExpression) {
                dependencies = text[list].matches(of: /"([A-Za-z]+)"/).map { String($0.1) }
            }
            let path = text.firstMatch(of: /path: "([^"]+)"/).map { String($0.1) }
            return Target(name: (manifest as NSString).substring(with: match.range(at: 2)),
                          kind: (manifest as NSString).substring(with: match.range(at: 1)), dependencies: dependencies, path: path)
        }
    }

    @Test func noTargetDependsOnOneLaterInTheFlow() throws {
        let targets = try Self.targets()
        #expect(targets.count > 30)
        let position = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1.name, $0) })
        for target in targets {
            // A name that is no target is a product of another package (Yams).
            for dependency in target.dependencies {
                guard let at = position[dependency] else { continue }
                #expect(at < position[target.name]!, "\(target.name) depends on \(dependency), listed after it: an upward dependency")
            }
        }
    }

    @Test func everyImportedModuleIsDeclared() throws {
        let targets = try Self.targets()
        let names = Set(targets.map(\.name))
        for target in targets where target.kind != "systemLibrary" {
            let folder = target.path.map { Self.root.appendingPathComponent($0) }
                ?? Self.root.appendingPathComponent(target.kind == "testTarget" ? "Tests" : "Sources").appendingPathComponent(target.name)
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
            #expect(!files.isEmpty, "no sources for \(target.name)")
            for file in files {
                let text = try String(contentsOf: file, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    guard let match = line.firstMatch(of: /^(?:@testable |@preconcurrency )?import ([A-Za-z]+)$/) else { continue }
                    let module = String(match.1)
                    guard names.contains(module) else { continue }
                    #expect(target.dependencies.contains(module),
                            "\(file.lastPathComponent) in \(target.name) imports \(module), which Package.swift does not declare")
                }
            }
        }
    }
}
