import Foundation
import Testing

/// The PostgreSQL server the tests may use: OBSERVATOIRE_TEST_POSTGRES (a URL without
/// password; PGPASSWORD holds it), which `.ci/run` sets after starting a throwaway cluster
/// with scripts/postgres-test-cluster.
public enum PostgresServer {
    public static let url = ProcessInfo.processInfo.environment["OBSERVATOIRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    public static let absent: Comment = "OBSERVATOIRE_TEST_POSTGRES is not set: no PostgreSQL server to test against (.ci/run starts one with scripts/postgres-test-cluster)"
}
