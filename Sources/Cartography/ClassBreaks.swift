/// How a choropleth cuts its values into classes. Quantiles by default: each class holds
/// about as many territories, so that a skewed distribution (poverty rates, densities)
/// still shows its differences instead of leaving most territories in one class; Jenks'
/// natural breaks on request, where the values form groups worth showing as such.
public enum ClassBreaks: String, Sendable, CaseIterable {
    case quantiles
    case jenks

    /// The bounds of `classes` classes over `values`: `classes + 1` ascending numbers from
    /// the smallest value to the largest, fewer where there are fewer distinct values.
    public func bounds(of values: [Double], classes: Int) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard let low = sorted.first, let high = sorted.last else { return [] }
        let distinct = Set(sorted).count
        let count = max(1, min(classes, distinct))
        guard count > 1 else { return [low, high] }
        let inner: [Double] = switch self {
        case .quantiles: (1..<count).map { Self.quantile(sorted, Double($0) / Double(count)) }
        case .jenks: Self.jenks(sorted, classes: count)
        }
        var bounds = [low]
        for bound in inner where bound > bounds.last! && bound < high { bounds.append(bound) }
        bounds.append(high)
        return bounds
    }

    /// The class of a value among `bounds` (0 for the first): a value on an inner bound
    /// belongs to the class above it, the largest value to the last class.
    public static func index(of value: Double, in bounds: [Double]) -> Int {
        guard bounds.count > 2 else { return 0 }
        var index = 0
        while index + 1 < bounds.count - 1 && value >= bounds[index + 1] { index += 1 }
        return index
    }

    /// The quantile at `p` of sorted values, interpolated between the two nearest (R's type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }

    /// Fisher–Jenks natural breaks: the cut that minimises the sum of squared deviations
    /// within classes, found exactly by dynamic programming over the sorted values. Above
    /// `exactLimit` values it runs on that many quantiles of them, which keeps it under a
    /// second for all the communes of France; the breaks then lie within one quantile step
    /// of the exact ones.
    static func jenks(_ sorted: [Double], classes: Int) -> [Double] {
        let values = sorted.count > exactLimit
            ? (0..<exactLimit).map { quantile(sorted, Double($0) / Double(exactLimit - 1)) } : sorted
        let n = values.count
        // Sums of values and squares up to each position, for the deviation of any run.
        var sum = [0.0], squares = [0.0]
        for value in values {
            sum.append(sum.last! + value)
            squares.append(squares.last! + value * value)
        }
        func deviation(_ from: Int, _ to: Int) -> Double {  // values[from..<to]
            let count = Double(to - from), total = sum[to] - sum[from]
            return squares[to] - squares[from] - total * total / count
        }
        // cost[k][i]: the best deviation of values[0..<i] in k + 1 classes; start[k][i]: where its last class begins.
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: classes)
        var start = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: classes)
        for i in 1...n { cost[0][i] = deviation(0, i) }
        if classes > 1 {
            for k in 1..<classes {
                for i in (k + 1)...n {
                    for j in k..<i {
                        let candidate = cost[k - 1][j] + deviation(j, i)
                        if candidate < cost[k][i] {
                            cost[k][i] = candidate
                            start[k][i] = j
                        }
                    }
                }
            }
        }
        var breaks: [Double] = []
        var end = n
        for k in stride(from: classes - 1, to: 0, by: -1) {
            let first = start[k][end]
            breaks.append(values[first])
            end = first
        }
        return breaks.reversed()
    }

    /// The values Jenks' breaks are computed on exactly.
    static let exactLimit = 2_000
}
