import Foundation
import GRDB
import TestSupport
import Testing
@testable import Compute

/// How good is the poverty-rate estimate above the commune? INSEE keeps the rate secret
/// for small communes, so the check hides the smallest third of the communes whose rate
/// is published, in each département, and compares, per département, the exact rate of
/// all published communes with (a) the mean over the communes left (the naive estimate)
/// and (b) the same with the hidden communes imputed from their median.
@Suite("poverty-rate estimator on the real Filosofi 2021", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct PovertyEstimatorTests {
    struct Commune {
        let code: String
        let rate: Double
        let persons: Double
        let median: Double
    }

    @Test("imputing hidden small communes from their median beats leaving them out")
    func imputationBeatsExclusion() throws {
        let sandbox = try RealIndicatorWarehouse.shared.get()
        let communes = try sandbox.rows("""
            SELECT r.territory, r.value AS rate, p.value AS persons, m.value AS median
            FROM normalised_observations r JOIN variables vr ON vr.variable_id = r.variable_id AND vr.code = 'TP6021'
            JOIN variables vp ON vp.code = 'NBPERSMENFISC21'
            JOIN normalised_observations p ON p.geography = r.geography AND p.variable_id = vp.variable_id AND p.territory = r.territory
            JOIN variables vm ON vm.code = 'MED21'
            JOIN normalised_observations m ON m.geography = r.geography AND m.variable_id = vm.variable_id AND m.territory = r.territory
            WHERE r.status = 'ok' AND p.status = 'ok' AND m.status = 'ok' AND r.territory LIKE 'COM:%'
            """).map { Commune(code: $0["territory"], rate: $0["rate"], persons: $0["persons"], median: $0["median"]) }
        #expect(communes.count > 4_000)
        let byDepartement = Dictionary(grouping: communes) { ImputationModel.departement(of: $0.code) }
        var hidden: Set<String> = []
        for (_, list) in byDepartement where list.count >= 6 {
            for commune in list.sorted(by: { $0.persons < $1.persons }).prefix(list.count / 3) { hidden.insert(commune.code) }
        }
        let model = try #require(ImputationModel(communes.filter { !hidden.contains($0.code) }.map { ($0.code, $0.median, $0.rate) }))
        func weighted(_ list: [Commune], rate: (Commune) -> Double) -> Double {
            list.map { rate($0) * $0.persons }.reduce(0, +) / list.map(\.persons).reduce(0, +)
        }
        var naiveErrors: [Double] = []
        var imputedErrors: [Double] = []
        for (_, list) in byDepartement where list.contains(where: { hidden.contains($0.code) }) {
            let truth = weighted(list, rate: \.rate)
            let naive = weighted(list.filter { !hidden.contains($0.code) }, rate: \.rate)
            let imputed = weighted(list) { hidden.contains($0.code) ? model.rate(commune: $0.code, predictor: $0.median)! : $0.rate }
            naiveErrors.append(abs(naive - truth))
            imputedErrors.append(abs(imputed - truth))
        }
        let naiveMAE = naiveErrors.reduce(0, +) / Double(naiveErrors.count)
        let imputedMAE = imputedErrors.reduce(0, +) / Double(imputedErrors.count)
        let commune = communes.filter { hidden.contains($0.code) }
            .map { abs(model.rate(commune: $0.code, predictor: $0.median)! - $0.rate) }
        let communeMAE = commune.reduce(0, +) / Double(commune.count)
        print("poverty-rate estimator, \(naiveErrors.count) départements, \(hidden.count) hidden communes: "
            + String(format: "département MAE naive %.2f pt, imputed %.2f pt; hidden commune MAE %.2f pt", naiveMAE, imputedMAE, communeMAE))
        #expect(imputedMAE < naiveMAE)
        #expect(imputedMAE < 0.5)
    }
}
