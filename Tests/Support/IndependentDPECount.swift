import Foundation

/// ADEME's DPE counted without the project's code, by Python's csv and statistics modules:
/// what the tests compare the loader and the indicators with.
public enum IndependentDPECount {
    /// Every observation a DPE file should give (`69388 DPE22_MAISON_CONSO_EP_MED` → value):
    /// counts, label counts, exact medians and consumption classes (10 kWh/m²/year, open
    /// from 800) per commune, year and building type, Paris, Lyon and Marseille made of their
    /// arrondissements, replaced diagnostics left out. Keys `all DPE22_…_CONSO_EP_MED` and
    /// `all DPE22_…_CONSO_EP_GROUPED` give the exact and the grouped (interpolated) median
    /// of every diagnostic of the file.
    static let script = """
        import csv, collections, json, statistics, sys
        path, style = sys.argv[1], sys.argv[2]
        number, replaces, commune, label, date, kind, conso = {
            'labels': ('N°DPE', 'N°_DPE_remplacé', 'Code_INSEE_(BAN)', 'Etiquette_DPE', 'Date_établissement_DPE',
                       'Type_bâtiment', 'Conso_5_usages_par_m²_é_primaire'),
            'api': ('numero_dpe', 'numero_dpe_remplace', 'code_insee_ban', 'etiquette_dpe', 'date_etablissement_dpe',
                    'type_batiment', 'conso_5_usages_par_m2_ep')}[style]
        rows = list(csv.DictReader(open(path, encoding='utf-8-sig', newline='')))
        replaced = {r[replaces] for r in rows if r[replaces]}
        def city(code):
            n = int(code)
            return '75056' if 75101 <= n <= 75120 else '69123' if 69381 <= n <= 69389 else '13055' if 13201 <= n <= 13216 else None
        groups = collections.defaultdict(list)
        for r in rows:
            if r[number] in replaced: continue
            for code in {r[commune], city(r[commune]), 'all'} - {None}:
                for breakdown in ('', '_' + r[kind].upper()):
                    groups[(code, 'DPE' + r[date][2:4] + breakdown)].append(r)
        out = {}
        for (code, prefix), members in groups.items():
            values = [float(r[conso]) for r in members if r[conso] != '']
            classes = collections.Counter(min(int(v // 10), 80) for v in values)
            if code == 'all':
                if values:
                    out['all ' + prefix + '_CONSO_EP_MED'] = statistics.median(values)
                    below, half = 0, len(values) / 2
                    for c in range(81):
                        if classes[c] and below + classes[c] >= half:
                            if c < 80: out['all ' + prefix + '_CONSO_EP_GROUPED'] = c * 10 + (half - below) / classes[c] * 10
                            break
                        below += classes[c]
                continue
            out[code + ' ' + prefix + '_N'] = len(members)
            for letter, n in collections.Counter(r[label] for r in members).items():
                out[code + ' ' + prefix + '_N_' + letter] = n
            if values:
                out[code + ' ' + prefix + '_CONSO_EP_MED'] = statistics.median(values)
                for c, n in classes.items():
                    out[code + ' ' + prefix + '_CONSO_EP_C' + str(c * 10)] = n
        print(json.dumps(out))
        """

    /// Counts `path`, whose header is ADEME's export labels (`labels`) or the API's names (`api`).
    public static func count(_ path: String, style: String) throws -> [String: Double] {
        let run = try Python.run(["-c", script, path, style])
        guard run.status == 0, let counts = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Double] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "python3 could not count \(path): \(run.output)"])
        }
        return counts
    }

    /// Writes `path` with the API's field names in place of the export's labels (the other
    /// columns as they are): the same diagnostics in the other header style.
    public static func renameToAPINames(_ path: String, into target: String) throws {
        let run = try Python.run(["-c", """
            import csv, sys
            names = {'N°DPE': 'numero_dpe', 'N°_DPE_remplacé': 'numero_dpe_remplace', 'Code_INSEE_(BAN)': 'code_insee_ban',
                     'Etiquette_DPE': 'etiquette_dpe', 'Date_établissement_DPE': 'date_etablissement_dpe',
                     'Type_bâtiment': 'type_batiment', 'Conso_5_usages_par_m²_é_primaire': 'conso_5_usages_par_m2_ep'}
            with open(sys.argv[1], encoding='utf-8-sig', newline='') as source, open(sys.argv[2], 'w', encoding='utf-8', newline='') as target:
                reader, writer = csv.reader(source), csv.writer(target, quoting=csv.QUOTE_ALL)
                writer.writerow([names.get(name, name) for name in next(reader)])
                writer.writerows(reader)
            """, path, target])
        guard run.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "python3 could not rename the header of \(path): \(run.output)"])
        }
    }
}
