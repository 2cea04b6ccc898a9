import Catalog
import Core
import Foundation
import Logging
import Tabular

/// `observatoire fetch`: downloads the official files the source definitions list into
/// the raw folder. A file already there and valid is left alone; a download goes to
/// `NAME.part` (resumed on the next try or the next run) and gets its final name only
/// once complete and verified; a zip archive is kept aside and only the member named is
/// taken out of it. A source that declares `melodi_api:` is asked of INSEE's Melodi API
/// instead (`MelodiAPIFetch`), within the API's quota.
public struct Fetcher {
    public struct Policy: Sendable {
        /// Tries per file, the first included.
        public var attempts = 4
        /// Wait before the second try; doubled before each next one.
        public var firstDelay: TimeInterval = 1
        public var timeout: TimeInterval = 60
        /// Told the bytes received of each download, to show them.
        public var progress: ProgressHandler?
        /// Sources that declare `melodi_api:` are asked of the API; `false` downloads their
        /// `downloads:` (the whole archive) instead.
        public var asksMelodiAPI = true
        /// Ask the Melodi API again even for an answer already in the raw folder.
        public var refreshesMelodiAnswers = false
        /// The Melodi API's quota: at most this many requests in any `window` seconds (30 a
        /// minute, as INSEE publishes it).
        public var requestsPerWindow = 30
        public var window: TimeInterval = 60
        /// The longest wait a 429's `Retry-After` may ask for before fetch gives up.
        public var longestWait: TimeInterval = 300
        /// Another address of the Melodi API than the definitions' (a mirror; tests).
        public var melodiBaseURL: String?
        /// What the Melodi client waits on: injected so that tests wait on no real clock.
        public var clock: any FetchClock = SystemClock()

        public init(attempts: Int = 4, firstDelay: TimeInterval = 1, timeout: TimeInterval = 60, progress: ProgressHandler? = nil) {
            self.attempts = attempts
            self.firstDelay = firstDelay
            self.timeout = timeout
            self.progress = progress
        }
    }

    public let raw: String
    public let policy: Policy
    public let logger: Logger
    /// One quota for every request this fetch makes of the Melodi API.
    let limiter: RequestLimiter

    public init(raw: String, policy: Policy = Policy(), logger: Logger) {
        self.raw = raw
        self.policy = policy
        self.logger = logger
        limiter = RequestLimiter(requests: policy.requestsPerWindow, window: policy.window, clock: policy.clock)
    }

    /// Fetches the given sources, in order: the Melodi API's answer for those that declare
    /// `melodi_api:` (unless the policy says otherwise), every download for the others.
    public func fetch(_ sources: [SourceDefinition]) -> [FetchOutcome] {
        sources.flatMap { source in
            if let query = source.melodiAPI, policy.asksMelodiAPI {
                return [fetch(query, source: source)]
            }
            return (source.downloads ?? []).map { fetch($0, source: source.id) }
        }
    }

    /// Asks the Melodi API for what `source` declares under `melodi_api:`.
    func fetch(_ query: SourceDefinition.MelodiAPIQuery, source: SourceDefinition) -> FetchOutcome {
        let outcome = MelodiAPIFetch(definition: source, query: query, raw: raw, policy: policy, limiter: limiter, logger: logger).run()
        log(outcome)
        return outcome
    }

    private func log(_ outcome: FetchOutcome) {
        logger.log(level: outcome.status == .failed ? .error : .notice, "\(outcome.status.rawValue) \(outcome.path)",
                   metadata: ["source": "\(outcome.source)", "url": "\(outcome.url)", "sha256": "\(outcome.sha256 ?? "")",
                              "message": "\(outcome.message ?? "")"])
    }

    func fetch(_ download: SourceDefinition.Download, source: String) -> FetchOutcome {
        var outcome = FetchOutcome(source: source, url: download.url, path: (raw as NSString).appendingPathComponent(download.to))
        do {
            try fetch(download, into: &outcome)
        } catch {
            outcome.status = .failed
            outcome.message = "\(error)"
        }
        log(outcome)
        return outcome
    }

    private func fetch(_ download: SourceDefinition.Download, into outcome: inout FetchOutcome) throws {
        guard RawPath.isSafe(download.to), let url = URL(string: download.url) else {
            throw ObservatoireError(.download, "refusing to write \(download.to) from \(download.url): not a relative path inside \(raw)")
        }
        let final = outcome.path
        if FileManager.default.fileExists(atPath: final) {
            if let expected = download.sha256 {
                if try FileDigest.sha256(path: final).sha256 == expected {
                    (outcome.status, outcome.message, outcome.sha256) = (.present, "already there, SHA-256 verified", expected)
                    return
                }
                logger.warning("Present file differs from its checksum: downloading it again", metadata: ["path": "\(final)"])
            } else {
                (outcome.status, outcome.message) = (.present, "already there (no checksum declared to verify it)")
                return
            }
        }
        try FileManager.default.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let downloaded = download.member == nil ? final + ".part" : final + ".zip.part"
        outcome.attempts = try transfer(url, to: downloaded)
        var candidate = downloaded
        if let member = download.member {
            candidate = final + ".part"
            try extract(member, from: downloaded, to: candidate)
        }
        let digest = try FileDigest.sha256(path: candidate)
        if let expected = download.sha256, digest.sha256 != expected {
            try? FileManager.default.removeItem(atPath: candidate)
            if candidate != downloaded { try? FileManager.default.removeItem(atPath: downloaded) }
            throw ObservatoireError(.download, "\(url.absoluteString): SHA-256 \(digest.sha256) is not the \(expected) declared; the download was discarded")
        }
        if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
        try FileManager.default.moveItem(atPath: candidate, toPath: final)
        if candidate != downloaded { try? FileManager.default.removeItem(atPath: downloaded) }
        outcome.status = .downloaded
        outcome.bytes = digest.size
        outcome.sha256 = digest.sha256
        outcome.message = "\(digest.size) bytes in \(outcome.attempts) attempt\(outcome.attempts == 1 ? "" : "s")"
            + (download.sha256 == nil ? ", no checksum declared" : ", SHA-256 verified")
    }

    /// Downloads with retries and back-off, resuming each time from what has arrived;
    /// returns the number of attempts made.
    private func transfer(_ url: URL, to path: String) throws -> Int {
        var delay = policy.firstDelay
        var last = ""
        for attempt in 1...max(1, policy.attempts) {
            switch HTTPDownload(url: url, file: path, timeout: policy.timeout, progress: policy.progress).run() {
            case .complete:
                return attempt
            case .refused(let message):
                try? FileManager.default.removeItem(atPath: path)
                throw ObservatoireError(.download, message)
            case .interrupted(let message):
                last = message
                logger.warning("Download interrupted, will resume", metadata: ["url": "\(url.absoluteString)", "attempt": "\(attempt)",
                                                                              "reason": "\(message)"])
                if attempt < policy.attempts { Thread.sleep(forTimeInterval: delay) }
                delay *= 2
            }
        }
        let kept = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard kept > 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw ObservatoireError(.download, "\(url.absoluteString): \(policy.attempts) attempts failed, last: \(last)")
        }
        throw ObservatoireError(.download, "\(url.absoluteString): \(policy.attempts) attempts failed, last: \(last); the \(kept) bytes that arrived are kept in \(path) and resumed next time")
    }

    /// Takes one member out of a zip archive, by its name (a member whose path would
    /// climb out of the folder is refused).
    private func extract(_ member: String, from archivePath: String, to path: String) throws {
        let archive = try ZipArchive(path: archivePath)
        guard let entry = archive.entry(named: member) else {
            throw ObservatoireError(.download, "\(archivePath): no member '\(member)' (members: \(archive.entries.prefix(10).map(\.name).joined(separator: ", ")))")
        }
        guard RawPath.isSafe(entry.name) else {
            throw ObservatoireError(.download, "\(archivePath): member '\(entry.name)' would be written outside the raw folder: refused")
        }
        let source = try archive.open(entry)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ObservatoireError(.download, "cannot write \(path)") }
        defer { try? handle.close() }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            handle.write(Data(bytes: chunk.baseAddress!, count: count))
        }
    }
}

/// What `fetch` did with one file.
public struct FetchOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        case downloaded, present, failed
    }

    public let source: String
    public let url: String
    public let path: String
    public var status: Status = .failed
    /// Attempts of a download; requests made of the Melodi API.
    public var attempts = 0
    public var bytes = 0
    /// The checksum of the file written (or found valid), as `ingest` will record it.
    public var sha256: String?
    public var message: String?
}

