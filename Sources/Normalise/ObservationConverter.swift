import GRDB
import Warehouse

/// Moves the observations of one file onto the communes of the target geography, in SQL
/// (`ObservationStore.FileConversion`), through the passage table of the file's geography.
///
/// Additive counts are summed (weighted on splits). A value that is not additive
/// (median, rate) is kept only where its commune is unchanged or merely recoded;
/// elsewhere it becomes `missing` with the reason in `conversion`, never an average.
/// Statuses survive: one secret part makes the sum secret, so no withheld value can be
/// recovered by subtraction.
///
/// A merged commune is complete only when the file has every part of it — except for the
/// counts of a `diagnostics` source (DPE): they are written only when not zero, so a part
/// without a count had none, and the counts present are the whole sum.
///
/// Nearly every commune is one-to-one (the same commune, or a new code for it): in a wide
/// file its packed row is referenced as it is (`normalised_rows`), in a file of values its
/// values are copied in key order, with no grouping. Only the communes made of several
/// parts, or of a part, go through the grouped query — that sort of every value of the file
/// by commune and variable was most of `normalise` (77 s of 100 s for 14 million values);
/// the rows of a wide file it needs are unpacked first (`temp.unpacked_observations`).
struct ObservationConverter {
    let target: Int
    /// Whether one-to-one communes are copied without grouping: always, but in the test
    /// that checks the copy gives what the grouped query gives.
    var copiesOneToOne = true

    func convert(fileID: Int64, geography: Int, _ db: Database) throws -> ConversionCounts {
        var counts = ConversionCounts()
        let conversion = ObservationStore.FileConversion(target: target, fileID: fileID, geography: geography)
        let sparse = try conversion.isSparse(db)
        try conversion.removePrevious(db)
        try conversion.prepareOneToOnePassages(empty: !copiesOneToOne, db)
        let columns = try conversion.packedColumnCount(db)
        let input: ObservationStore.ConversionInput
        if columns > 0 {
            (counts.written, counts.converted) = try conversion.carryOneToOneRows(columns: sparse ? nil : columns, db)
            input = .unpackedRows
        } else {
            (counts.written, counts.converted) = try conversion.copyOneToOneValues(db)
            input = .values
        }
        let levels = try conversion.levelCounts(of: input, db)
        counts.leftOut = levels.filter { !Self.convertedLevels.contains($0.key) }

        let grouped = try conversion.convertThroughPassages(input, sparse: sparse, db)
        counts.written += grouped.written
        counts.converted += grouped.converted
        counts.notConvertible = grouped.notConvertible
        (counts.unmappedCodes, counts.unmappedObservations) = try conversion.recordUnmappedCodes(input, db)

        // Arrondissements municipaux are kept as such, and their additive counts make the
        // commune (Paris, Lyon, Marseille) when the file does not give it.
        if levels["ARM"] != nil {
            counts.rolledUp = try conversion.convertArrondissements(input, db)
        }

        // Supra-communal levels keep their codes; IRIS are not converted (no IRIS history).
        if levels.keys.contains(where: { ["EPCI", "DEP", "REG"].contains($0) }) {
            try conversion.keepSupraCommunal(input, db)
        }
        return counts
    }

    /// Levels of a file that normalise carries to the target geography; the others are
    /// counted as left out.
    private static let convertedLevels: Set<String> = ["COM", "ARM", "EPCI", "DEP", "REG"]
}
