/// Colours of a choropleth's classes, from ColorBrewer's schemes marked safe for
/// colour-blind readers (Cynthia Brewer, Pennsylvania State University): a sequential one
/// (YlGnBu: light for low values, dark for high ones) for levels, a diverging one (PuOr:
/// orange below the middle, purple above, a neutral middle) for what lies on either side of
/// a reference — the specificity index around 1, a change around 0.
public enum Palette: String, Sendable, CaseIterable {
    case sequential
    case diverging

    /// The colours of `classes` classes (3 to 7), lowest first.
    public func colours(_ classes: Int) -> [String] {
        let count = min(max(classes, 3), 7)
        let colours = switch self {
        case .sequential: Self.yellowGreenBlue[count]!
        case .diverging: Self.purpleOrange[count]!
        }
        return classes < 3 ? Array(colours.prefix(max(classes, 1))) : colours
    }

    /// Grey for a territory without a value; its legend says why.
    public static let missing = "#d9d9d9"

    /// The hatching of a value under *secret statistique*.
    public static let secretHatch = "#737373"

    private static let yellowGreenBlue: [Int: [String]] = [
        3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
        4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
        5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
        6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
        7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    ]

    /// Orange (low) to purple (high), ColorBrewer's PuOr read from its orange end.
    private static let purpleOrange: [Int: [String]] = [
        3: ["#f1a340", "#f7f7f7", "#998ec3"],
        4: ["#e66101", "#fdb863", "#b2abd2", "#5e3c99"],
        5: ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"],
        6: ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"],
        7: ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"],
    ]
}
