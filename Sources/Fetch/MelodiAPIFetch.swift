import Catalog
import Core
import Foundation
import Logging
import Tabular
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fetch` for a source that declares `melodi_api:`: asks INSEE's Melodi API for one
/// dataset, each GEO filter paged through (`maxResult`, `page`), within the quota (the
/// shared `RequestLimiter`; a 429 waits as `Retry-After` says, else backs off), and writes
/// the answer as the dataset's published files — `DS_<NAME>_data.csv`, converted page by
/// page, and `DS_<NAME>_metadata.csv` from the labels the API gives. Both are written under
/// hidden `.part` names, which `ingest` passes over, and renamed only once every page has
/// arrived: a failure leaves the raw folder as it was.
struct MelodiAPIFetch {
    let definition: SourceDefinition
    let query: SourceDefinition.MelodiAPIQuery
    let raw: String
    let policy: Fetcher.Policy
    let limiter: RequestLimiter
    let logger: Logger

    private var base: String {
        var base = policy.melodiBaseURL ?? query.url ?? SourceDefinition.MelodiAPIQuery.defaultBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    private var folder: String { (raw as NSString).appendingPathComponent(query.to) }

    /// Requests and pages of one fetch, for its summary.
    private struct Tally {
        var requests = 0
        var pages = 0
    }

    func run() -> FetchOutcome {
        let dataPath = (folder as NSString).appendingPathComponent(query.dataFileName)
        var outcome = FetchOutcome(source: definition.id, url: "\(base)/data/\(query.dataset) (GEO=\(query.geo.joined(separator: ", ")))",
                                   path: dataPath)
        do {
            try fetch(into: &outcome)
        } catch {
            outcome.status = .failed
            outcome.message = "\(error)"
        }
        return outcome
    }

    private func fetch(into outcome: inout FetchOutcome) throws {
        guard RawPath.isSafe(query.to) else {
            throw ObservatoireError(.download, "refusing to write \(query.to): not a relative path inside \(raw)")
        }
        let dataPath = outcome.path
        let metadataPath = (folder as NSString).appendingPathComponent(query.metadataFileName)
        if FileManager.default.fileExists(atPath: dataPath), !policy.refreshesMelodiAnswers {
            let digest = try FileDigest.sha256(path: dataPath)
            (outcome.status, outcome.sha256, outcome.bytes) = (.present, digest.sha256, digest.size)
            outcome.message = "already there (the Melodi API was asked before; fetch --refresh asks again)"
            return
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let dataPart = (folder as NSString).appendingPathComponent("." + query.dataFileName + ".part")
        let metadataPart = (folder as NSString).appendingPathComponent("." + query.metadataFileName + ".part")
        defer {
            try? FileManager.default.removeItem(atPath: dataPart)
            try? FileManager.default.removeItem(atPath: metadataPart)
        }
        var tally = Tally()
        var labels = 0
        if query.asksLabels {
            labels = try fetchLabels(to: metadataPart, tally: &tally)
        }
        let writer = try MelodiCSVWriter(path: dataPart, definition: definition)
        for geo in query.geo {
            try pageThrough(geo, writer: writer, tally: &tally)
        }
        try writer.finish()
        let digest = try FileDigest.sha256(path: dataPart)
        if query.asksLabels { try move(metadataPart, to: metadataPath) }
        try move(dataPart, to: dataPath)
        outcome.status = .downloaded
        outcome.attempts = tally.requests
        outcome.bytes = digest.size
        outcome.sha256 = digest.sha256
        var message = "\(Self.count(writer.written, "observation")) in \(Self.count(tally.pages, "page")) (\(Self.count(tally.requests, "request"))), "
            + "\(digest.size) bytes, SHA-256 \(digest.sha256)"
        message += query.asksLabels ? "; labels of \(Self.count(labels, "code")) in \(query.metadataFileName)" : "; no labels asked (melodi_api.labels: false)"
        if !writer.leftOut.isEmpty {
            message += "; attributes without a column in the file, left out: \(writer.leftOut.sorted().joined(separator: ", "))"
        }
        outcome.message = message
    }

    /// Pages through the observations of one GEO filter into `writer`.
    private func pageThrough(_ geo: String, writer: MelodiCSVWriter, tally: inout Tally) throws {
        let pageSize = query.effectivePageSize
        var page = 1
        var received = 0
        var announced: Int?
        while true {
            let url = try dataURL(geo: geo, page: page)
            let what = "page \(page) of \(query.dataset) for GEO=\(geo)"
            let answer = try get(url, what, tally: &tally) { MelodiPage.decode(MelodiPage.self, from: $0) }
            if page == 1 { announced = answer.paging?.count }
            do {
                try writer.write(answer.observations)
            } catch let refusal as MelodiCSVWriter.Refusal {
                throw ObservatoireError(.download, "\(url.absoluteString): \(refusal) (\(what)); nothing was kept in \(raw)")
            }
            tally.pages += 1
            received += answer.observations.count
            let pages = announced.map { " of \(max(1, ($0 + pageSize - 1) / pageSize))" } ?? ""
            logger.notice("Melodi \(query.dataset) GEO=\(geo): page \(page)\(pages), \(Self.count(answer.observations.count, "observation")) (\(received)\(announced.map { " of \($0)" } ?? ""))",
                          metadata: ["source": "\(definition.id)", "url": "\(url.absoluteString)"])
            let paging = answer.paging
            let more = !answer.observations.isEmpty
                && ((paging?.next != nil && paging?.isLast != true) || (announced.map { received < $0 } ?? false))
            guard more else { break }
            page += 1
            // Bounded: the pages announced (and one more), or a page count no dataset reaches.
            let bound = announced.map { ($0 + pageSize - 1) / pageSize + 1 } ?? 10_000
            guard page <= bound else {
                throw ObservatoireError(.download, "\(url.absoluteString): the API still announces a page \(page) after \(received) observations\(announced.map { " of the \($0) it counted" } ?? ""); nothing was kept in \(raw): run fetch again later")
            }
        }
        if let announced, announced != received {
            throw ObservatoireError(.download, "\(base)/data/\(query.dataset)?GEO=\(geo): the API counted \(announced) observations and \(received) arrived in \(page) page\(page == 1 ? "" : "s"): the dataset may have changed while it was read; nothing was kept in \(raw): run fetch again")
        }
    }

    /// The labels of the dataset's codes, written as its metadata file; returns their number.
    private func fetchLabels(to path: String, tally: inout Tally) throws -> Int {
        guard let url = URL(string: "\(base)/range/\(Self.encode(query.dataset))") else {
            throw ObservatoireError(.download, "\(base): not an address to ask the Melodi API at")
        }
        let range = try get(url, "the labels of \(query.dataset)", tally: &tally) { MelodiPage.decode(MelodiRange.self, from: $0) }
        let lines = range.metadataLines()
        guard FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
            throw ObservatoireError(.download, "cannot write \(path)")
        }
        logger.notice("Melodi \(query.dataset): labels of \(Self.count(lines.count - 1, "code"))", metadata: ["source": "\(definition.id)", "url": "\(url.absoluteString)"])
        return lines.count - 1
    }

    /// One answer of the API, decoded: asked within the quota; a 429 waits (`Retry-After`,
    /// else a back-off from one window, doubled) and asks again; a broken or unreadable
    /// answer, or a server error, is asked again after a back-off, `policy.attempts` times
    /// in all; any other refusal fails at once.
    private func get<T>(_ url: URL, _ what: String, tally: inout Tally, decode: (Data) -> Result<T, MelodiPage.PageError>) throws -> T {
        var failures = 0
        var throttles = 0
        var delay = policy.firstDelay
        var backoff = limiter.window
        let context: Logger.Metadata = ["source": "\(definition.id)", "url": "\(url.absoluteString)"]
        while true {
            limiter.acquire { wait in
                logger.notice("Waiting \(Self.seconds(wait)) s for the Melodi API's quota (\(limiter.requests) requests in \(Self.seconds(limiter.window)) s)", metadata: context)
            }
            tally.requests += 1
            let reason: String
            switch HTTPGet.run(url, timeout: policy.timeout) {
            case .broken(let message):
                reason = message
            case .answered(let answer):
                switch answer.status {
                case 200:
                    switch decode(answer.body) {
                    case .success(let value): return value
                    case .failure(let problem): reason = problem.description
                    }
                case 429:
                    throttles += 1
                    let asked = answer.retryAfter()
                    let wait = asked ?? backoff
                    guard throttles <= policy.attempts else {
                        throw ObservatoireError(.download, "\(url.absoluteString): the API answered 429 (too many requests) \(throttles) times for \(what); its quota (30 requests a minute) counts every client at this address: nothing was kept in \(raw); run fetch again later")
                    }
                    guard wait <= policy.longestWait else {
                        throw ObservatoireError(.download, "\(url.absoluteString): the API answered 429 (too many requests) for \(what) and asks to wait \(Self.seconds(wait)) s, more than the \(Self.seconds(policy.longestWait)) s fetch waits: nothing was kept in \(raw); run fetch again later")
                    }
                    logger.notice("The Melodi API answered 429 (too many requests): waiting \(Self.seconds(wait)) s\(asked == nil ? "" : " as its Retry-After asks")",
                                  metadata: context)
                    policy.clock.sleep(wait)
                    if asked == nil { backoff *= 2 }
                    continue
                case 500..<600:
                    reason = "HTTP \(answer.status): \(answer.excerpt)"
                default:
                    throw ObservatoireError(.download, "\(url.absoluteString): HTTP \(answer.status) for \(what) (\(answer.excerpt)): the API refuses the request; check melodi_api in the definition of source \(definition.id) (dataset \(query.dataset), GEO filters) against the catalogue (https://catalogue-donnees.insee.fr); nothing was kept in \(raw)")
                }
            }
            failures += 1
            guard failures < policy.attempts else {
                throw ObservatoireError(.download, "\(url.absoluteString): \(what) could not be read in \(failures) attempt\(failures == 1 ? "" : "s") (last: \(reason)); nothing was kept in \(raw). Run `observatoire fetch --source \(definition.id)` again later; if it keeps failing, check melodi_api in the source's definition (dataset \(query.dataset), GEO filters) against the catalogue (https://catalogue-donnees.insee.fr)")
            }
            logger.warning("Melodi answer unusable, asking again", metadata: context.merging(["what": "\(what)", "attempt": "\(failures)", "reason": "\(reason)"]) { $1 })
            policy.clock.sleep(delay)
            delay *= 2
        }
    }

    private func dataURL(geo: String, page: Int) throws -> URL {
        var text = "\(base)/data/\(Self.encode(query.dataset))?GEO=\(Self.encode(geo))&maxResult=\(query.effectivePageSize)&page=\(page)"
        if page == 1 { text += "&totalCount=TRUE" }
        guard let url = URL(string: text) else { throw ObservatoireError(.download, "\(text): not an address to ask the Melodi API at") }
        return url
    }

    /// A query value percent-encoded as INSEE's R package sends it (`DEP-62*COM` →
    /// `DEP-62%2ACOM`).
    private static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// `1 page`, `3 pages`.
    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Gives `part` the name `final`, replacing what was there in one step.
    private func move(_ part: String, to final: String) throws {
        guard rename(part, final) == 0 else {
            throw ObservatoireError(.download, "cannot rename \(part) to \(final): \(String(cString: strerror(errno)))")
        }
    }
}
