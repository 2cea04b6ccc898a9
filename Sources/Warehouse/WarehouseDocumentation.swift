/// What each table and view of the warehouse holds, for the documentation tools read
/// (Datasette's metadata): one place, next to the schema, kept in step with docs/warehouse.md's
/// table of the warehouse by a test.
public enum WarehouseDocumentation {
    public struct Table: Sendable {
        public let description: String
        public let columns: [String: String]
    }

    /// The first query to try on a new warehouse, as `demo` suggests it.
    public static let firstQuery = "SELECT * FROM v_indicator_values LIMIT 5"

    public static let tables: [String: Table] = [
        "runs": Table(description: "One row per command that wrote to the warehouse.", columns: [
            "status": "running, succeeded, rejections (rows rejected), failed", "message": "What the run did, or why it failed"]),
        "run_stages": Table(description: "Stages of each `observatoire run`: done, skipped (inputs unchanged) or failed.", columns: [
            "fingerprint": "SHA-256 of the stage's inputs", "seconds": "Duration of the stage"]),
        "sources": Table(description: "Sources the loaded files come from (pipelines/sources).", columns: [:]),
        "files": Table(description: "Every file loaded, with its checksum and counts; replaced loads kept as history.", columns: [
            "sha256": "SHA-256 of the file as read", "rows_rejected": "Rows stored in rejected_rows",
            "repairs": "What was repaired or counted specially (leading zeros, replaced DPE)",
            "geography": "COG vintage of the file's commune codes", "status": "current or replaced"]),
        "rejected_rows": Table(description: "Rows that could not be loaded, with line, column, value and reason.", columns: [:]),
        "variables": Table(description: "Variables of each source, with their period.", columns: [
            "additive": "1 for counts that add up across communes"]),
        "observations": Table(description: "Values as published, long form: territory × variable of a file (a view of observation_values and the unpacked observation_rows).", columns: [
            "status": "ok, secret (secret statistique), missing, not-applicable; a value that is not ok has no number"]),
        "observation_values": Table(description: "Values written one by one (files of values in long form).", columns: [:]),
        "observation_rows": Table(description: "A row of a wide file as published (one territory, every column packed), or a commune's aggregates of a diagnostics file.", columns: [
            "cells": "JSON array: the n-th element is the column of slot n in file_columns, a number (status ok) or the status; for a diagnostics file, a JSON object of the cells present, keyed by slot ({\"0\":12,\"7\":3})"]),
        "file_columns": Table(description: "The variable of each column of a wide file (its slot in observation_rows.cells).", columns: [:]),
        "cog_communes": Table(description: "Code officiel géographique: communes, arrondissements municipaux, communes déléguées and associées.", columns: [:]),
        "cog_mouvements": Table(description: "Commune changes since 1943 (COG).", columns: [:]),
        "cog_departements": Table(description: "Départements (COG).", columns: [:]),
        "cog_regions": Table(description: "Régions (COG).", columns: [:]),
        "cog_arrondissements": Table(description: "Arrondissements (COG).", columns: [:]),
        "epci_composition": Table(description: "Member communes of each EPCI, as published by INSEE or the DGCL.", columns: [:]),
        "epci_list": Table(description: "EPCI of INSEE's list.", columns: [:]),
        "passages": Table(description: "Share of a commune of one COG vintage in a commune of another.", columns: [
            "weight": "Share of the commune's figures (population municipale on splits)"]),
        "territories": Table(description: "Territories of a geography: communes, EPCI, départements, régions, France, zones.", columns: [
            "territory": "Canonical code: COM:62498, EPCI:246200364, DEP:62, REG:32, FR, ZONE:bassin-minier",
            "communes": "Communes of the territory in the geography",
            "communes_expected": "Communes of the territory in full, from the references (EPCI list, populations légales, COG)",
            "communes_basis": "The reference of communes_expected"]),
        "memberships": Table(description: "A territory in a parent (commune in its EPCI, département, région, France, zones).", columns: [:]),
        "normalised_observations": Table(description: "Observations on the communes of one COG vintage (a view of normalised_values and the unpacked normalised_rows).", columns: [
            "conversion": "How the value was carried from the file's geography; NULL when unchanged"]),
        "normalised_values": Table(description: "Values normalise converted one by one (merged, split, rolled-up communes, supra-communal levels, files of values).", columns: [:]),
        "normalised_rows": Table(description: "A packed row of observation_rows carried as it is onto a commune of the geography.", columns: [
            "territory_code": "The code in the file (observation_rows.territory_code)",
            "conversion": "The former code when the commune was recoded; NULL when unchanged"]),
        "unmapped_codes": Table(description: "Codes normalise could not place.", columns: [:]),
        "variable_dictionary": Table(description: "INSEE's variable dictionaries.", columns: [:]),
        "indicators": Table(description: "Indicator definitions of the last compute (pipelines/indicators).", columns: [
            "aggregation": "stock, ratio, weighted_mean, non_aggregable, annual_growth, grouped_median",
            "decimals": "Digits after the decimal separator a figure is shown with",
            "tolerance": "Relative change under which a value counts as unchanged (run summaries, diff)"]),
        "indicator_values": Table(description: "Indicator × territory × period of a geography, with components, status and coverage (a view of the unpacked indicator_rows).", columns: [
            "coverage": "Share of the territory's full membership (weighted by population) whose communes contributed",
            "estimate": "1 when the value is an estimate", "derived": "Value derived from communes where a published one wins",
            "flags": "Known issues of the source values",
            "unpublished_value": "The value of an insufficient-coverage or small-count status: kept, not a fact",
            "estimated_share": "Share of an estimate's weight imputed or extrapolated rather than observed"]),
        "indicator_rows": Table(description: "A territory's indicator values, packed: cells is a JSON array, element n the value of slot n.", columns: [
            "cells": "[value or status, method_id, numerator, denominator, coverage, estimate, derived, flags, value kept under a partial, insufficient-coverage or small-count status, estimated share], trailing nulls left out; null where the territory has no value"]),
        "indicator_slots": Table(description: "Indicator and period of each position of indicator_rows.cells.", columns: [:]),
        "indicator_methods": Table(description: "How values were obtained (indicator_values.method), written once each.", columns: [:]),
        "indicator_history": Table(description: "What each compute replaced: a value changed, added or removed, as it was before, and the run that had computed it.", columns: [
            "run_id": "The compute run that replaced it", "change": "added, changed, removed",
            "value": "The value before (NULL when added or not published)", "computed_run": "The run that had computed the value replaced"]),
        "v_indicator_history": Table(description: "indicator_history beside the value now, with the territory's name and the run's start.", columns: [
            "previous_value": "The value before the run", "value": "The value now (NULL when removed or not published)"]),
        "alerts": Table(description: "Values that break a data-quality rule of their indicator (plausible range, largest yearly change), per compute run.", columns: [
            "rule": "plausible-range, yearly-change", "files": "The files the indicator's values come from"]),
        "contour_features": Table(description: "Features of the contours files (GeoJSON in WGS84) as loaded: code, name, geometry checked valid by GEOS.", columns: [
            "feature": "Position of the feature in its file, from 1", "level": "COM, ARM, EPCI …, from the code's syntax",
            "geometry": "ISO WKB, little-endian, longitude then latitude", "vertices": "Positions of its rings"]),
        "territory_contours": Table(description: "The contour of each territory on a geography, made by normalise from the loaded contours.", columns: [
            "geometry": "ISO WKB, little-endian, longitude then latitude",
            "basis": "Where it comes from: a feature of a file, a union of former communes (a merger), a union of its communes"]),
        "indicator_sources": Table(description: "Files each indicator was computed from.", columns: [:]),
        "known_issues": Table(description: "Known errors of the sources (pipelines/known-issues.yaml), as applied.", columns: [
            "matched": "Observations concerned; NULL when the source is not loaded"]),
        "report_portrait": Table(description: "Rows of the last portrait of each territory.", columns: [
            "reference_values": "JSON object: reference territory → value", "evolution": "Change since the previous period"]),
        "cites": Table(description: "Cités minières of the inventory files; scores NULL when missing, never 0.", columns: [
            "unesco": "oui, en-partie, non", "etat_bati": "State of the buildings, 1–5 (5 = worst)",
            "qualite_architecturale": "Architectural quality, 1–5 (5 = most remarkable)"]),
        "cite_communes": Table(description: "Communes of each cité (a cité may span several).", columns: [:]),
        "cite_bailleurs": Table(description: "Owners of each cité with their dwellings there.", columns: [:]),
        "renovation_operations": Table(description: "Renovation operations on the cités of the inventory.", columns: [
            "statut": "programmee, engagee, en-travaux, livree, abandonnee"]),
        "diagnostics": Table(description: "Energy diagnostics one row each, written only by `ingest --keep-rows` (counted ones: replaced and rejected ones left out).", columns: [
            "line": "Line of the diagnostic in its file", "number": "The diagnostic's number (N°DPE)",
            "building_type": "maison, appartement or immeuble", "consumption": "Primary energy, kWh/m²/year"]),
        "cite_reference_ids": Table(description: "Identifier of a cité of the inventory in a published list (column references), for `cites compare`.", columns: [
            "list_id": "The list, as loaded by `cites references --list`", "ref_id": "The cité's identifier in it (id_unesco, id_lsm)"]),
        "cite_references": Table(description: "Cités of a published list (UNESCO property, ERBM) loaded by `cites references`.", columns: [
            "nom_2": "Another name of the cité in the list (ERBM's nom_2)",
            "geometry": "Its outline as the list publishes it: ISO WKB, WGS84; NULL when not read"]),
        "cite_reference_communes": Table(description: "Commune names of the reference cités and the code each matched.", columns: [
            "reason": "Why the name matched no single commune; NULL when it did"]),
        "report_renovation_progress": Table(description: "Progress of each programme against its target, by year, EPCI and owner.", columns: [
            "year": "NULL for the whole period", "part_objectif_livres": "Cumulative delivered dwellings, % of the target"]),
        "report_cites_priority": Table(description: "Priority ranking of the cités of the last `cites rank`.", columns: [
            "manquants": "Criteria missing for the cité (its part has no score)", "selection": "1 when selected within the budget"]),
        "v_observations": Table(description: "Observations as published, with their source and period.", columns: [:]),
        "v_variables": Table(description: "Variables with their label (the source's, else INSEE's dictionary).", columns: [:]),
        "v_files": Table(description: "Files currently loaded.", columns: [:]),
        "v_normalised": Table(description: "Normalised observations with their territory's name and level.", columns: [:]),
        "v_passages": Table(description: "Passage rows that change something.", columns: [:]),
        "v_indicator_values": Table(description: "Indicator values with their territory's name and level, and the unit.", columns: [
            "status": "ok, partial (members missing, a number all the same), insufficient-coverage, small-count, secret, missing, not-applicable; only ok and partial values have a number",
            "coverage": "Share of the territory's full membership (weighted by population) whose communes contributed",
            "estimate": "1 when the value is an estimate", "flags": "Known issues of the source values",
            "unpublished_value": "The value of an insufficient-coverage or small-count status: kept, not a fact",
            "estimated_share": "Share of an estimate's weight imputed or extrapolated rather than observed",
            "territory_communes": "Communes of the territory in the geography",
            "territory_communes_expected": "Communes of the territory in full, from the references"]),
        "v_territory_completeness": Table(description: "Each territory above the commune: its communes in the geography against its full membership.", columns: [
            "communes_basis": "The reference of the full count", "completeness": "communes / communes_expected"]),
        "v_reconciliation": Table(description: "Published values above the commune against the values derived from their communes.", columns: [
            "gap": "derived − published", "relative_gap": "gap / |published|"]),
    ]
}
