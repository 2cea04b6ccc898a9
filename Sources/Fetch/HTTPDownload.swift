import Core
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET streamed to the end of a file, resuming from its current size with a
/// `Range` request: memory stays flat whatever the file's size, and a dropped connection
/// costs only what was not yet received.
final class HTTPDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Result {
        /// The whole body is in the file.
        case complete
        /// The transfer broke off (connection lost, server error): worth another try.
        case interrupted(String)
        /// The server refused (4xx): another try would not help.
        case refused(String)
    }

    private let url: URL
    private let file: String
    private let timeout: TimeInterval
    private let progress: ProgressHandler?
    private var received = 0
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var handle: FileHandle?
    private var result: Result = .interrupted("no response")
    private var responded = false

    init(url: URL, file: String, timeout: TimeInterval, progress: ProgressHandler?) {
        self.url = url
        self.file = file
        self.timeout = timeout
        self.progress = progress
    }

    /// Runs the request to its end. Bytes already in `file` are asked for no more.
    func run() -> Result {
        if !FileManager.default.fileExists(atPath: file) {
            _ = FileManager.default.createFile(atPath: file, contents: nil)
        }
        let offset = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        received = offset
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        done.wait()
        progress?(TaskProgress(verb: "downloading", name: url.lastPathComponent, count: received, unit: .bytes, finished: true))
        session.finishTasksAndInvalidate()
        return lock.withLock { result }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        lock.withLock {
            responded = true
            switch status {
            case 206:
                handle = FileHandle(forWritingAtPath: file)
                _ = try? handle?.seekToEnd()
            case 200:
                // The server sends the whole file (it ignored the range, or none was asked).
                handle = FileHandle(forWritingAtPath: file)
                try? handle?.truncate(atOffset: 0)
            case 416:
                // Nothing left to send: the file is already whole.
                result = .complete
            case 400..<500:
                result = .refused("HTTP \(status) from \(url.absoluteString)")
            default:
                result = .interrupted("HTTP \(status) from \(url.absoluteString)")
            }
        }
        completionHandler(status == 200 || status == 206 ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock {
            handle?.write(data)
            received += data.count
            progress?(TaskProgress(verb: "downloading", name: url.lastPathComponent, count: received, unit: .bytes))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.withLock {
            if let handle {
                try? handle.close()
                self.handle = nil
                result = error.map { .interrupted("transfer broken off: \($0.localizedDescription)") } ?? .complete
            } else if !responded, let error {
                result = .interrupted("no response: \(error.localizedDescription)")
            }
        }
        done.signal()
    }
}
