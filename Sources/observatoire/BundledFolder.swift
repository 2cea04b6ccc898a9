import ArgumentParser
import Foundation

/// A folder `observatoire` needs that lies beside it rather than in the working directory —
/// the definitions (`pipelines`) and the demo's raw files (`raw/demo`) — found wherever the
/// command runs from. In this order: the option, when given; the environment variable; the
/// folder under the working directory; the folder beside the executable or in a folder
/// above it, as in the repository (`.build/debug/observatoire` → `pipelines`) and as
/// installed (`PREFIX/bin/observatoire` → `PREFIX/share/observatoire/pipelines`).
struct BundledFolder: Sendable {
    /// Its path in the repository, under the working directory and under `share/observatoire`.
    let relativePath: String
    /// A folder inside it by which a candidate is recognised; nil: any folder of that name.
    let marker: String?
    /// The option that names it, and the environment variable that does when the option is absent.
    let option: String
    let variable: String
    /// What it is, for the error that says it was not found.
    let what: String

    static let pipelines = BundledFolder(relativePath: "pipelines", marker: "sources", option: "--pipelines",
                                         variable: "OBSERVATOIRE_PIPELINES", what: "the folder of definitions (sources, indicators, reports)")
    static let demoRaw = BundledFolder(relativePath: "raw/demo", marker: nil, option: "--raw",
                                       variable: "OBSERVATOIRE_DEMO_RAW", what: "the demo's raw folder")

    /// Where a command runs: its environment, working directory and executable.
    struct Context: Sendable {
        var environment: [String: String]
        var workingDirectory: String
        /// The executable with its symbolic links resolved, so that a link in `PATH` leads to the install.
        var executable: URL

        static var current: Context {
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            return Context(environment: ProcessInfo.processInfo.environment, workingDirectory: FileManager.default.currentDirectoryPath,
                           executable: executable.resolvingSymlinksInPath())
        }
    }

    /// The folder to use: `option` as given, else the first place found; a usage error
    /// saying where it looked when it is nowhere.
    func resolve(option value: String?, in context: Context = .current) throws -> String {
        if let value { return value }
        if let value = context.environment[variable], !value.isEmpty { return value }
        // Under the working directory it stays relative, as the paths the commands print.
        if holdsFolder(relativePath, in: context.workingDirectory) { return relativePath }
        for directory in Self.directoryAndAncestors(of: context.executable.deletingLastPathComponent().path) {
            for candidate in [relativePath, "share/observatoire/" + relativePath] where holdsFolder(candidate, in: directory) {
                return (directory as NSString).appendingPathComponent(candidate)
            }
        }
        throw ValidationError(notFound(in: context))
    }

    func notFound(in context: Context) -> String {
        let kind = marker.map { "\(relativePath) (a folder holding \($0)/)" } ?? relativePath
        return "cannot find \(what): looked for \(kind) in the working directory \(context.workingDirectory), "
            + "then for \(relativePath) and share/observatoire/\(relativePath) in \(context.executable.deletingLastPathComponent().path) "
            + "and each folder above it. Give \(option) DIR or set \(variable)=DIR."
    }

    private func holdsFolder(_ path: String, in directory: String) -> Bool {
        var candidate = (directory as NSString).appendingPathComponent(path)
        if let marker { candidate = (candidate as NSString).appendingPathComponent(marker) }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `directory`, its parent, and so on up to `/`.
    static func directoryAndAncestors(of directory: String) -> [String] {
        var directories = [directory]
        while let last = directories.last, last != "/", !last.isEmpty {
            let parent = (last as NSString).deletingLastPathComponent
            if parent == last || parent.isEmpty { break }
            directories.append(parent)
        }
        return directories
    }
}
