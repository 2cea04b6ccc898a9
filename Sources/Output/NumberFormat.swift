/// The number format of a workbook cell, from the indicator's unit and decimals:
/// thousands separated, `%` and `€` written after the number (`#,##0.0" %"` shows `23,9 %`
/// in a French Excel), other units left to the column Unité. The cell holds the number as
/// published: 23.9 for 23.9 %, never 0.239.
public enum NumberFormat {
    public static func excel(unit: String, decimals: Int) -> String {
        let number = "#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
        switch unit {
        case "%", "€": return number + "\" \(unit)\""
        default: return number
        }
    }
}
