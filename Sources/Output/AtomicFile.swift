import Core
import Foundation

/// Writes a file whole or not at all: `body` writes beside the target, which is then
/// replaced by a rename. A reader never sees half a file, and a failure leaves none.
public enum AtomicFile {
    public static func write(to path: String, _ body: (_ temporary: URL) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            try body(temporary)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch let error as ObservatoireError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ObservatoireError(.output, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
