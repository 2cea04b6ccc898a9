// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Observatoire",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "observatoire", targets: ["observatoire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System C libraries, each wrapped by a module map.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXlsxWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CProj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGeos", providers: [.apt(["libgeos-dev"])]),

        // Reading files as published: bytes, encodings, CSV records, cell values.
        .target(name: "Tabular", dependencies: ["CLibCSV", "CZlib", "CCrypto"], swiftSettings: strict),
        // The SQLite warehouse: schema, migrations, journal of runs and files, bulk writers.
        .target(name: "Warehouse", dependencies: [
            "Tabular",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Source definitions kept as data under pipelines/sources, and recognition of files.
        .target(name: "Catalog", dependencies: ["Tabular", "Yams"], swiftSettings: strict),
        // The ingest stage: files → validated rows → warehouse, one transaction per file.
        .target(name: "Ingest", dependencies: [
            "Tabular", "Catalog", "Warehouse",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Geography: commune history, passage tables between COG vintages, vintage inference, names.
        .target(name: "Geography", swiftSettings: strict),
        // The normalise stage: observations onto one geography, territories and memberships.
        .target(name: "Normalise", dependencies: [
            "Geography", "Catalog", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Indicator definitions kept as data under pipelines/indicators.
        .target(name: "Indicators", dependencies: ["Yams"], swiftSettings: strict),
        // The compute stage: indicators on every territory of one geography.
        .target(name: "Compute", dependencies: [
            "Indicators", "Warehouse", "Tabular",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Exports of indicator values: CSV, XLSX (libxlsxwriter), JSON; long or wide.
        .target(name: "Export", dependencies: [
            "CXlsxWriter", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Territory lookup: search by name, resolve arguments, describe a territory.
        .target(name: "Territories", dependencies: [
            "Geography", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Portraits of a territory: layout and templates kept as data under pipelines/reports,
        // rendered as HTML and Markdown (Mustache), CSV and XLSX, and recorded in report_portrait.
        .target(name: "Reports", dependencies: [
            "Cartography", "Export", "Territories", "Warehouse", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], swiftSettings: strict),
        // Cités minières: reference lists (GeoJSON) matched to communes, renovation progress
        // against the targets of pipelines/programmes.yaml, the priority ranking of pipelines/cites-priorite.yaml.
        .target(name: "Cites", dependencies: [
            "Export", "Geography", "Territories", "Warehouse", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Cartography: GeoJSON polygon layers, reprojection to Lambert-93 (PROJ), simplification of coverages (GEOS).
        .target(name: "Cartography", dependencies: ["CProj", "CGeos"], swiftSettings: strict),
        // Downloads of the official files the source definitions list.
        .target(name: "Fetch", dependencies: [
            "Catalog", "Tabular", .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // What changed between two states of a warehouse: files, indicators, territories, values, alerts.
        .target(name: "Changes", dependencies: [
            "Warehouse", "Export", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Operations: the whole pipeline as one run for cron, stage fingerprints, log lines.
        .target(name: "Pipeline", dependencies: [
            "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse", "Tabular",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .executableTarget(name: "observatoire", dependencies: [
            "Ingest", "Normalise", "Territories", "Indicators", "Compute", "Export", "Reports", "Catalog", "Warehouse", "Pipeline", "Fetch", "Cites",
            "Changes", "Cartography",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        .testTarget(name: "TabularTests", dependencies: ["TestSupport", "Tabular"], swiftSettings: strict),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse", "Tabular"], swiftSettings: strict),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"], swiftSettings: strict),
        .testTarget(name: "GeographyTests", dependencies: ["Geography"], swiftSettings: strict),
        // Helpers shared by the test targets: a warehouse in a temporary folder, real extracts, zip and XLSX fixtures.
        .target(name: "TestSupport", dependencies: [
            "CZlib", "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "IngestTests", dependencies: ["TestSupport", "Ingest", "Catalog", "Warehouse", "Tabular"],
                    exclude: ["BadInputCorpus"], swiftSettings: strict),
        .testTarget(name: "ComputeTests", dependencies: [
            "TestSupport", "Compute", "Indicators", "Ingest", "Warehouse", "Export", "Tabular",
        ], swiftSettings: strict),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators"], swiftSettings: strict),
        .testTarget(name: "FetchTests", dependencies: [
            "TestSupport", "Fetch", "Catalog", "Tabular", .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("fetch-server.py")], swiftSettings: strict),
        .testTarget(name: "PipelineTests", dependencies: [
            "TestSupport", "Pipeline", "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "ChangesTests", dependencies: ["TestSupport", "Changes", "Indicators", "Ingest", "Warehouse"], swiftSettings: strict),
        .testTarget(name: "ExportTests", dependencies: ["TestSupport", "Export", "Tabular", "Ingest"], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: [
            "TestSupport", "Reports", "Cartography", "Export", "Territories", "Indicators", "Ingest", "Warehouse", "Yams",
        ], swiftSettings: strict),
        .testTarget(name: "CitesTests", dependencies: [
            "TestSupport", "Cites", "Geography", "Territories", "Ingest", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        .testTarget(name: "CartographyTests", dependencies: ["Cartography"], swiftSettings: strict),
        .testTarget(name: "NormaliseTests", dependencies: [
            "TestSupport", "Normalise", "Territories", "Geography", "Ingest", "Catalog", "Warehouse",
        ], swiftSettings: strict),
        // SQL-looking names and values through every path that reaches SQL.
        .testTarget(name: "SQLSafetyTests", dependencies: [
            "TestSupport", "Ingest", "Catalog", "Compute", "Export", "Territories", "Indicators",
        ], swiftSettings: strict),
        // Runs the built `observatoire` executable: exit codes and what it prints; the warehouse
        // after kill -9 and a full disk (read with GRDB).
        .testTarget(name: "CLITests", dependencies: ["observatoire", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
    ]
)
