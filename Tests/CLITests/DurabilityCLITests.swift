import Foundation
import Testing

/// The warehouse survives what cron jobs meet: `kill -9` in the middle of an ingest, and a
/// disk that fills up. Each time it passes its integrity check, holds exactly what it held
/// before the command, and the next command (once the process is gone, once space is back)
/// loads the file.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: Observatoire.binary.path), "the observatoire binary is not built"))
struct DurabilityCLITests {
    static let baseline = "Tests/IngestTests/BadInputCorpus/corsica-2021.csv"

    /// A warehouse holding one small file, checkpointed, to copy before each attempt.
    private static func baselineWarehouse(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("baseline.sqlite").path
        let loaded = try Observatoire.run(["ingest", "--quiet", "--warehouse", path, baseline])
        #expect(loaded.status == 0, "\(loaded.errors)")
        return path
    }

    @Test func ingestKilledInTheMiddleOfAFileLeavesTheWarehouseAsItWas() throws {
        let folder = try Observatoire.temporaryDirectory()
        let file = try WideCensusFile.write(rows: 20_000, to: folder.appendingPathComponent("wide-2021.csv"))
        let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let baseline = try Self.baselineWarehouse(in: folder)
        let before = try WarehouseSnapshot(path: baseline)
        let warehouse = folder.appendingPathComponent("w.sqlite").path

        // Killed once the ingest has read half the file inside its transaction. Should the
        // file be loaded before the kill (a machine far faster than the file is large), the
        // attempt starts again from the baseline.
        var killedMidFile = false
        for _ in 1...3 where !killedMidFile {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: warehouse + suffix) }
            try FileManager.default.copyItem(atPath: baseline, toPath: warehouse)
            let process = try Observatoire.start(["ingest", "--quiet", "--warehouse", warehouse, file])
            let probe = try WriterProbe(path: warehouse)
            var killed = false
            while process.isRunning && !killed {
                if ProcessFiles.readOffset(of: file, in: process.processIdentifier) >= size / 2 && probe.writerIsBusy {
                    killed = kill(process.processIdentifier, SIGKILL) == 0
                } else {
                    usleep(1000)
                }
            }
            process.waitUntilExit()
            let after = try WarehouseSnapshot(path: warehouse)
            #expect(after.integrity == "ok")
            if killed && after.dump == before.dump {
                killedMidFile = true
                #expect(process.terminationReason == .uncaughtSignal)
            }
        }
        #expect(killedMidFile, "the ingest was never killed in the middle of its file")

        #expect(try WarehouseSnapshot.runsStillRunning(path: warehouse) == 1)
        let next = try Observatoire.run(["ingest", "--warehouse", warehouse, file])
        #expect(next.status == 0, "\(next.errors)")
        #expect(next.output.contains("loaded     insee-commune-wide      2021  wide-2021.csv  read 20000, loaded 20000, rejected 0, 400000 values"), "\(next.output)")
        #expect(try WarehouseSnapshot.runsStillRunning(path: warehouse) == 0)
        #expect(try WarehouseSnapshot(path: warehouse).integrity == "ok")
    }

    /// `ulimit -f` makes every write past 2 MB fail (EFBIG), as a full disk makes them fail
    /// (ENOSPC), without root: the warehouse file is smaller, the ingest's transaction larger.
    /// The process ignores SIGXFSZ, so it reports the failure instead of being killed.
    @Test func aFullDiskFailsTheIngestCleanlyAndTheNextIngestLoadsOnceThereIsSpace() throws {
        let folder = try Observatoire.temporaryDirectory()
        let file = try WideCensusFile.write(rows: 30_000, to: folder.appendingPathComponent("wide-2021.csv"))
        let warehouse = try Self.baselineWarehouse(in: folder)
        let before = try WarehouseSnapshot(path: warehouse)

        let limited = try Self.runWithFileSizeLimit(blocks: 4096, ["ingest", "--warehouse", warehouse, file])
        #expect(limited.status == 1, "\(limited.errors)")
        #expect(limited.errors.contains("failed     insee-commune-wide      2021  wide-2021.csv"), "\(limited.errors)")
        #expect(limited.errors.contains("warehouse \(warehouse): SQLite error"), "\(limited.errors)")
        #expect(limited.errors.contains("the disk may be full, a file-size limit reached, or the disk failing; nothing half-written stays in the warehouse")
                || limited.errors.contains("the disk is full (or a file-size limit is reached); nothing half-written stays in the warehouse"),
                "\(limited.errors)")
        #expect(limited.errors.contains("1 files: 0 loaded, 0 unchanged, 0 skipped, 1 failed"), "\(limited.errors)")
        let after = try WarehouseSnapshot(path: warehouse)
        #expect(after.integrity == "ok")
        #expect(after.dump == before.dump)

        let next = try Observatoire.run(["ingest", "--warehouse", warehouse, file])
        #expect(next.status == 0, "\(next.errors)")
        #expect(next.output.contains("wide-2021.csv  read 30000, loaded 30000, rejected 0, 600000 values"), "\(next.output)")
        #expect(try WarehouseSnapshot(path: warehouse).integrity == "ok")
    }

    /// When the log fits but the main file cannot grow, the failure comes after the commit,
    /// while merging the write-ahead log: nothing is lost, so `compute` succeeds with a
    /// warning that says where its writes are, and the next command merges them.
    @Test func aCheckpointThatFailsForLackOfSpaceLosesNothingAndTheNextCommandMergesIt() throws {
        let warehouse = try Observatoire.temporaryDirectory().appendingPathComponent("w.sqlite").path
        #expect(try Observatoire.run(["ingest", "--quiet", "--warehouse", warehouse, "raw/demo"]).status == 0)
        #expect(try Observatoire.run(["normalise", "--quiet", "--warehouse", warehouse, "--geography", "2024"]).status == 0)
        // Room for all but the last 64 KB of the warehouse compute leaves (measured on a
        // copy): the log of compute fits, the merged file does not.
        let copy = warehouse + ".copy"
        try FileManager.default.copyItem(atPath: warehouse, toPath: copy)
        #expect(try Observatoire.run(["compute", "--quiet", "--warehouse", copy]).status == 0)
        let computedSize = try #require(FileManager.default.attributesOfItem(atPath: copy)[.size] as? Int)

        let limited = try Self.runWithFileSizeLimit(blocks: computedSize / 512 - 128, ["compute", "--quiet", "--warehouse", warehouse])
        #expect(limited.status == 0, "\(limited.errors)")
        #expect(limited.errors.hasPrefix("warning: warehouse \(warehouse): SQLite error"), "\(limited.errors)")
        #expect(limited.errors.contains("while merging the write-ahead log: the last writes are committed and safe in \(warehouse)-wal"), "\(limited.errors)")
        let wal = warehouse + "-wal"
        #expect((try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0) > 0)
        let computed = try WarehouseSnapshot(path: warehouse)
        #expect(computed.integrity == "ok")
        #expect(computed.dump.contains("indicator_id:\"taux_pauvrete\" period:"))
        #expect(computed.dump.contains("geography:2024 territory:\"EPCI:246200364\" cells:\"[["))

        let next = try Observatoire.run(["normalise", "--quiet", "--warehouse", warehouse, "--geography", "2024"])
        #expect(next.status == 0, "\(next.errors)")
        #expect(next.errors.isEmpty, "\(next.errors)")
        #expect((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0 == 0)
        #expect(try WarehouseSnapshot(path: warehouse).integrity == "ok")
    }

    /// Runs the binary under `ulimit -f BLOCKS` (512-byte blocks in a POSIX shell): a write
    /// past it fails with EFBIG, which `observatoire` reports as it would a full disk.
    private static func runWithFileSizeLimit(blocks: Int, _ arguments: [String]) throws -> Observatoire.Result {
        try Observatoire.run(["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", Observatoire.binary.path] + arguments,
                             executable: URL(fileURLWithPath: "/bin/sh"))
    }
}
