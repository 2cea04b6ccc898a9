import Foundation

/// What Linux's `/proc` says of another process's open files: how far it has read one, to
/// act at a point of its work rather than after a delay.
enum ProcessFiles {
    /// The largest offset among the process's descriptors open on `path`; 0 if none is.
    static func readOffset(of path: String, in pid: Int32) -> Int {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        return descriptors.compactMap { descriptor -> Int? in
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)")) == target,
                  let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(descriptor)", encoding: .utf8),
                  let line = info.split(separator: "\n").first(where: { $0.hasPrefix("pos:") }) else { return nil }
            return Int(line.dropFirst(4).trimmingCharacters(in: .whitespaces))
        }.max() ?? 0
    }
}
