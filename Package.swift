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
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // What every module shares: the one error type and its exit codes, where in an input
        // a problem is, the status of a value, and decimal numbers read from bytes.
        .target(name: "Core", swiftSettings: strict),
        // Reading files as published: bytes, encodings, CSV records, cell values.
        .target(name: "Tabular", dependencies: ["Core", "CLibCSV", "CZlib", "CCrypto"], swiftSettings: strict),
        // The SQLite warehouse: schema, migrations, journal of runs and files, bulk writers.
        .target(name: "Warehouse", dependencies: [
            "Core",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Cartography: GeoJSON polygon layers, reprojection to Lambert-93 (PROJ), simplification of
        // coverages (GEOS); polygon layers written as GeoPackage (SQLite, GEOS's WKB) and GeoJSON.
        .target(name: "Cartography", dependencies: [
            "Core", "CProj", "CGeos", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Source definitions kept as data under pipelines/sources, and recognition of files.
        .target(name: "Catalog", dependencies: ["Core", "Tabular", "Yams"], swiftSettings: strict),
        // The ingest stage: files → validated rows → warehouse, one transaction per file.
        .target(name: "Ingest", dependencies: [
            "Core", "Tabular", "Cartography", "Catalog", "Warehouse",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Geography: commune history, passage tables between COG vintages, vintage inference, names.
        .target(name: "Geography", dependencies: ["Core"], swiftSettings: strict),
        // The normalise stage: observations onto one geography, territories and memberships.
        .target(name: "Normalise", dependencies: [
            "Core", "Cartography", "Geography", "Catalog", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Indicator definitions kept as data under pipelines/indicators.
        .target(name: "Indicators", dependencies: ["Core", "Yams"], swiftSettings: strict),
        // The compute stage: indicators on every territory of one geography.
        .target(name: "Compute", dependencies: [
            "Core", "Indicators", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Files for people: CSV and XLSX (libxlsxwriter) writers, files replaced atomically,
        // French numbers, statuses and methods as deliverables print them.
        .target(name: "Output", dependencies: ["Core", "CXlsxWriter"], swiftSettings: strict),
        // Exports of indicator values: CSV, XLSX, JSON; long or wide.
        .target(name: "Export", dependencies: [
            "Core", "Cartography", "Output", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Territory lookup: search by name, resolve arguments, describe a territory.
        .target(name: "Territories", dependencies: [
            "Core", "Geography", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // Portraits of a territory: layout and templates kept as data under pipelines/reports,
        // rendered as HTML and Markdown (Mustache), CSV and XLSX, and recorded in report_portrait.
        .target(name: "Reports", dependencies: [
            "Core", "Cartography", "Output", "Territories", "Warehouse", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Cités minières: reference lists (GeoJSON) matched to communes, renovation progress
        // against the targets of pipelines/programmes.yaml, the priority ranking of pipelines/cites-priorite.yaml.
        .target(name: "Cites", dependencies: [
            "Core", "Cartography", "Geography", "Output", "Territories", "Warehouse", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Downloads of the official files the source definitions list.
        .target(name: "Fetch", dependencies: [
            "Core", "Catalog", "Tabular", .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // What changed between two states of a warehouse: files, indicators, territories, values, alerts.
        .target(name: "Changes", dependencies: [
            "Core", "Warehouse", "Output", .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: strict),
        // The warehouse on PostgreSQL (libpq): copying a SQLite warehouse into a schema, COPY
        // for the rows, every table counted and checksummed before the commit.
        .target(name: "Postgres", dependencies: [
            "Core", "CLibPQ", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Operations: the whole pipeline as one run for cron, stage fingerprints, log lines,
        // the demo's outputs.
        .target(name: "Pipeline", dependencies: [
            "Core", "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse", "Tabular",
            "Territories", "Export", "Reports", "Cites",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .executableTarget(name: "observatoire", dependencies: [
            "Core", "Ingest", "Normalise", "Territories", "Indicators", "Compute", "Export", "Output", "Reports", "Catalog", "Warehouse", "Pipeline", "Fetch", "Cites",
            "Changes", "Cartography", "Postgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),

        // Helpers shared by the test targets: a warehouse in a temporary folder, real extracts, zip and XLSX fixtures.
        .target(name: "TestSupport", dependencies: [
            "Core", "CZlib", "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/Support", swiftSettings: strict),
        .testTarget(name: "TabularTests", dependencies: ["Core", "TestSupport", "Tabular"], swiftSettings: strict),
        .testTarget(name: "WarehouseTests", dependencies: ["Core", "Warehouse", "Tabular"], swiftSettings: strict),
        .testTarget(name: "CatalogTests", dependencies: ["Core", "Catalog", "Tabular"], swiftSettings: strict),
        .testTarget(name: "GeographyTests", dependencies: ["Core", "Geography"], swiftSettings: strict),
        .testTarget(name: "IngestTests", dependencies: ["Core", "TestSupport", "Ingest", "Catalog", "Warehouse", "Tabular"],
                    exclude: ["BadInputCorpus"], swiftSettings: strict),
        .testTarget(name: "ComputeTests", dependencies: [
            "Core", "TestSupport", "Compute", "Indicators", "Ingest", "Warehouse", "Export", "Tabular",
        ], swiftSettings: strict),
        .testTarget(name: "IndicatorsTests", dependencies: ["Core", "Indicators"], swiftSettings: strict),
        .testTarget(name: "FetchTests", dependencies: [
            "Core", "TestSupport", "Fetch", "Catalog", "Tabular", .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("fetch-server.py")], swiftSettings: strict),
        .testTarget(name: "PipelineTests", dependencies: [
            "Core", "TestSupport", "Pipeline", "Ingest", "Normalise", "Compute", "Indicators", "Catalog", "Warehouse",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "ChangesTests", dependencies: ["Core", "TestSupport", "Changes", "Indicators", "Ingest", "Warehouse"], swiftSettings: strict),
        .testTarget(name: "ExportTests", dependencies: [
            "Core", "TestSupport", "Export", "Output", "Tabular", "Ingest", .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "ReportsTests", dependencies: [
            "Core", "TestSupport", "Reports", "Cartography", "Export", "Output", "Territories", "Indicators", "Ingest", "Warehouse", "Yams",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "CitesTests", dependencies: [
            "Core", "TestSupport", "Cites", "Geography", "Territories", "Ingest", "Warehouse",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: [
            "Core", "TestSupport", "Postgres", "Reports", "Territories", "Warehouse", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .testTarget(name: "CartographyTests", dependencies: ["Core", "TestSupport", "Cartography"], swiftSettings: strict),
        .testTarget(name: "TerritoriesTests", dependencies: ["TestSupport", "Territories", "Ingest", "Warehouse"], swiftSettings: strict),
        .testTarget(name: "NormaliseTests", dependencies: [
            "Core", "TestSupport", "Normalise", "Territories", "Geography", "Ingest", "Catalog", "Warehouse", "Cartography",
        ], swiftSettings: strict),
        // SQL-looking names and values through every path that reaches SQL.
        .testTarget(name: "SQLSafetyTests", dependencies: [
            "Core", "TestSupport", "Ingest", "Catalog", "Compute", "Export", "Territories", "Indicators",
        ], swiftSettings: strict),
        // Runs the built `observatoire` executable: exit codes and what it prints; the warehouse
        // after kill -9 and a full disk (read with GRDB).
        // The modules point one way, and every import is declared (reads Package.swift and Sources).
        .testTarget(name: "ArchitectureTests", swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["observatoire", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
    ]
)
