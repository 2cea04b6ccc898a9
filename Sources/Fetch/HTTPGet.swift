import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET whose whole answer is kept in memory: a page of the Melodi API (a few
/// megabytes), read with its status and headers so that a 429 and its `Retry-After` can be
/// honoured. A connection closed before the announced length arrived is a broken answer,
/// never a short one.
enum HTTPGet {
    struct Answer: Sendable {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: Data

        /// The wait `Retry-After` asks for, in seconds (a number, or an HTTP date); nil
        /// when the answer has none, or one that cannot be read.
        func retryAfter(now: Date = Date()) -> TimeInterval? {
            guard let text = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            if let seconds = Double(text), seconds >= 0 { return seconds }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            return formatter.date(from: text).map { max(0, $0.timeIntervalSince(now)) }
        }

        /// The start of the body as text, for an error message.
        var excerpt: String {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? "(empty body)" : text
        }
    }

    enum Outcome: Sendable {
        case answered(Answer)
        /// No answer, or one broken off: worth another try.
        case broken(String)
    }

    /// Collects what the session's callback hands over, across threads.
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var outcome: Outcome = .broken("no response")
    }

    static func run(_ url: URL, timeout: TimeInterval) -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("observatoire", forHTTPHeaderField: "User-Agent")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            let outcome: Outcome
            if let error {
                outcome = .broken("connection closed before the whole answer arrived: \(error.localizedDescription)")
            } else if let response = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    headers["\(name)".lowercased()] = "\(value)"
                }
                outcome = .answered(Answer(status: response.statusCode, headers: headers, body: data ?? Data()))
            } else {
                outcome = .broken("no HTTP response")
            }
            box.lock.withLock { box.outcome = outcome }
            done.signal()
        }.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        return box.lock.withLock { box.outcome }
    }
}
