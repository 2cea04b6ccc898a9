import Indicators
import Testing

struct VariablePatternTests {
    @Test(arguments: [
        ("P{yy}_POP", "P21_POP", true), ("P{yy}_POP", "P15_POP", true), ("P{yy}_POP", "P21_POPH", false),
        ("P{yy}_POP", "PXX_POP", false), ("P{yy}_POP", "P_POP", false), ("MED{yy}", "MED21", true),
        ("DPE{yy}_CONSO_{lower}", "DPE23_CONSO_70", true), ("DPE{yy}_CONSO_{lower}", "DPE23_CONSO_12.5", true),
        ("PMUN", "PMUN", true), ("PMUN", "PMUN2", false), ("PMUN", "PMU", false),
    ])
    func placeholdersStandForDigits(pattern: String, code: String, matches: Bool) {
        #expect(VariablePattern(pattern).matches(code) == matches)
    }
}
