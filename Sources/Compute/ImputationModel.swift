import Foundation

/// Imputes a published rate (in %) that is secret for a commune from a predictor still
/// published for it — the poverty rate from the median standard of living, say:
/// logit(rate / 100) = a + b · ln(predictor) + shift of the département, fitted by least
/// squares on the communes where both are published.
///
/// The département shift is the mean residual of its communes shrunk toward zero
/// (Σ residuals / (n + 5)), so that a département with few published communes leans on
/// the national line.
struct ImputationModel: Sendable {
    let intercept: Double
    let slope: Double
    let shifts: [Substring: Double]
    /// Communes the model was fitted on.
    let observations: Int

    /// Fits on (commune, predictor, rate) triples; nil with fewer than ten usable ones.
    /// The samples are summed in commune order, whatever order they come in: floating-point
    /// sums depend on it, and the same warehouse must give the same estimates to the last digit.
    init?(_ samples: [(commune: String, predictor: Double, rate: Double)]) {
        let usable = samples.filter { $0.predictor > 0 && $0.rate > 0 && $0.rate < 100 }.sorted { $0.commune < $1.commune }
        guard usable.count >= 10 else { return nil }
        let xs = usable.map { log($0.predictor) }
        let ys = usable.map { Self.logit($0.rate / 100) }
        let n = Double(usable.count)
        let meanX = xs.reduce(0, +) / n, meanY = ys.reduce(0, +) / n
        let sxx = zip(xs, xs).map { ($0 - meanX) * ($1 - meanX) }.reduce(0, +)
        let sxy = zip(xs, ys).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        var sums: [Substring: (Double, Int)] = [:]
        for (sample, (x, y)) in zip(usable, zip(xs, ys)) {
            let residual = y - (intercept + slope * x)
            let key = Self.departement(of: sample.commune)
            sums[key, default: (0, 0)].0 += residual
            sums[key, default: (0, 0)].1 += 1
        }
        shifts = sums.mapValues { $0.0 / (Double($0.1) + 5) }
        observations = usable.count
    }

    /// The imputed rate (in %) of a commune with this predictor.
    func rate(commune: String, predictor: Double) -> Double? {
        guard predictor > 0 else { return nil }
        let y = intercept + slope * log(predictor) + (shifts[Self.departement(of: commune)] ?? 0)
        return 100 / (1 + exp(-y))
    }

    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }

    /// `COM:62498` → `62`; overseas `COM:97101` → `971`.
    static func departement(of commune: String) -> Substring {
        let code = commune.split(separator: ":").last ?? Substring(commune)
        return code.hasPrefix("97") ? code.prefix(3) : code.prefix(2)
    }
}
