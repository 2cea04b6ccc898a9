import Foundation

/// COG 2025 and the EPCI of 1 January 2025 for tests, made from the real 2024 files of
/// `../shared/data` and two real changes of 1 January 2025, written in the published
/// layouts (the 2025 files themselves cannot be downloaded here):
///
/// - Pierrefitte-sur-Seine (93059) joins Saint-Denis (93066), which keeps its code and
///   name (commune nouvelle, MOD 32);
/// - Neussargues en Pinatelle (15141), the commune nouvelle of 2017, is undone (MOD 21):
///   Celles (15031), Chalinargues (15035), Chavagnac (15047) and Sainte-Anastasie (15171)
///   are communes again, and 15141 is Neussargues-Moissac.
///
/// The mouvements rows take the shapes of the 2024 file's rows for the same events
/// (Hauts-Talican's re-establishment, the mergers of 2024). The other 44 communes
/// nouvelles of 2025 are not written: the files hold these two changes only.
public enum Geography2025 {
    public static let mouvements2025 = """
        21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15031,0,CELLES,Celles,Celles
        21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15035,0,CHALINARGUES,Chalinargues,Chalinargues
        21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15047,0,CHAVAGNAC,Chavagnac,Chavagnac
        21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15141,0,NEUSSARGUES MOISSAC,Neussargues-Moissac,Neussargues-Moissac
        21,2025-01-01,COM,15141,0,NEUSSARGUES EN PINATELLE,Neussargues en Pinatelle,Neussargues en Pinatelle,COM,15171,0,SAINTE ANASTASIE,Sainte-Anastasie,Sainte-Anastasie
        21,2025-01-01,COMD,15031,0,CELLES,Celles,Celles,COM,15031,0,CELLES,Celles,Celles
        21,2025-01-01,COMD,15035,0,CHALINARGUES,Chalinargues,Chalinargues,COM,15035,0,CHALINARGUES,Chalinargues,Chalinargues
        21,2025-01-01,COMD,15047,0,CHAVAGNAC,Chavagnac,Chavagnac,COM,15047,0,CHAVAGNAC,Chavagnac,Chavagnac
        21,2025-01-01,COMD,15141,0,NEUSSARGUES MOISSAC,Neussargues-Moissac,Neussargues-Moissac,COM,15141,0,NEUSSARGUES MOISSAC,Neussargues-Moissac,Neussargues-Moissac
        21,2025-01-01,COMD,15171,0,SAINTE ANASTASIE,Sainte-Anastasie,Sainte-Anastasie,COM,15171,0,SAINTE ANASTASIE,Sainte-Anastasie,Sainte-Anastasie
        32,2025-01-01,COM,93059,0,PIERREFITTE SUR SEINE,Pierrefitte-sur-Seine,Pierrefitte-sur-Seine,COM,93066,0,SAINT DENIS,Saint-Denis,Saint-Denis
        32,2025-01-01,COM,93066,0,SAINT DENIS,Saint-Denis,Saint-Denis,COM,93066,0,SAINT DENIS,Saint-Denis,Saint-Denis
        """

    /// The communes that are communes again, with their names.
    public static let reEstablished = ["15031": "Celles", "15035": "Chalinargues", "15047": "Chavagnac",
                                       "15141": "Neussargues-Moissac", "15171": "Sainte-Anastasie"]

    /// Writes `cog/2025/{communes,mouvements,departements,regions}.csv` and
    /// `epci/EPCI_au_01-01-2025.xlsx` under `folder`.
    public static func write(into folder: URL) throws {
        let cog2024 = SharedData.root.appendingPathComponent("cog/2024")
        let cog2025 = folder.appendingPathComponent("cog/2025")
        try FileManager.default.createDirectory(at: cog2025, withIntermediateDirectories: true)
        try communes(from: String(contentsOf: cog2024.appendingPathComponent("communes.csv"), encoding: .utf8))
            .write(to: cog2025.appendingPathComponent("communes.csv"), atomically: true, encoding: .utf8)
        var mouvements = try String(contentsOf: cog2024.appendingPathComponent("mouvements.csv"), encoding: .utf8)
            .components(separatedBy: "\r\n")
        mouvements.insert(contentsOf: mouvements2025.components(separatedBy: "\n"), at: 1)  // newest first, as published
        try mouvements.joined(separator: "\r\n").write(to: cog2025.appendingPathComponent("mouvements.csv"), atomically: true, encoding: .utf8)
        for name in ["departements.csv", "regions.csv"] {  // unchanged in 2025
            try FileManager.default.copyItem(at: cog2024.appendingPathComponent(name), to: cog2025.appendingPathComponent(name))
        }
        let epci = folder.appendingPathComponent("epci")
        try FileManager.default.createDirectory(at: epci, withIntermediateDirectories: true)
        let result = try Python.run(["-c", workbookScript, SharedData.path("epci/insee-EPCI_au_01-01-2024.xlsx"),
                                     epci.appendingPathComponent("EPCI_au_01-01-2025.xlsx").path])
        guard result.status == 0 else { throw FixtureFailure(message: "EPCI 2025 workbook: \(result.output)") }
    }

    /// The 2024 list with the two changes: 93059 gone; 15141 a commune named
    /// Neussargues-Moissac and its four former communes déléguées communes again. Lines
    /// end in CRLF, as INSEE writes them.
    static func communes(from list2024: String) -> String {
        list2024.components(separatedBy: "\r\n").compactMap { line -> String? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 12 else { return String(line) }
            switch (fields[0], fields[1]) {
            case ("COM", "93059"), ("COMD", "15141"): return nil
            case ("COM", "15141"), ("COMD", "15031"), ("COMD", "15035"), ("COMD", "15047"), ("COMD", "15171"):
                let name = reEstablished[fields[1]]!
                let ncc = name.uppercased().replacingOccurrences(of: "-", with: " ")
                return ["COM", fields[1], "84", "15", "15D", "153", "0", ncc, name, name, "1507", ""].joined(separator: ",")
            default: return String(line)
            }
        }.joined(separator: "\r\n")
    }

    /// Copies INSEE's 2024 workbook with the two changes (openpyxl, rows streamed).
    private static let workbookScript = """
        import sys, openpyxl
        source, target = sys.argv[1], sys.argv[2]
        names = {"15031": "Celles", "15035": "Chalinargues", "15047": "Chavagnac", "15141": "Neussargues-Moissac", "15171": "Sainte-Anastasie"}
        counts = {"200054781": -1, "200066637": 4}
        book = openpyxl.load_workbook(source, read_only=True)
        out = openpyxl.Workbook(write_only=True)
        for sheet in ["EPCI", "Composition_communale"]:
            rows = out.create_sheet(sheet)
            for row in book[sheet].iter_rows(values_only=True):
                row = list(row)
                if row[0] and "01/01/2024" in str(row[0]):
                    row[0] = str(row[0]).replace("2024", "2025")
                if sheet == "EPCI" and row[0] in counts:
                    row[3] += counts[row[0]]
                if sheet == "Composition_communale" and row[0] == "93059":
                    continue
                if sheet == "Composition_communale" and row[0] == "15141":
                    for code, name in sorted(names.items()):
                        rows.append([code, name] + row[2:])
                    continue
                rows.append(row)
        out.save(target)
        """

    public struct FixtureFailure: Error {
        public let message: String
        public init(message: String) { self.message = message }
    }
}
