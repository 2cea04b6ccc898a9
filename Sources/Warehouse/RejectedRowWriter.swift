import GRDB

/// Stores rejected rows with the line, column, value and reason a user needs to fix them.
public final class RejectedRowWriter {
    private let insert: PreparedInsert
    private let fileID: Int64

    public init(fileID: Int64, _ db: Database) throws {
        self.fileID = fileID
        insert = try PreparedInsert(db, sql: "INSERT INTO rejected_rows (file_id, line, column_name, value, reason) VALUES (?, ?, ?, ?, ?)")
    }

    public func write(line: Int, column: String?, value: String?, reason: String) throws {
        insert.bind(1, Int64?(fileID))
        insert.bind(2, Int64?(Int64(line)))
        insert.bind(3, column)
        insert.bind(4, value.map { String($0.prefix(1000)) })
        insert.bind(5, reason)
        try insert.execute()
    }
}
