import Core
import CXlsxWriter
import Foundation

/// An XLSX workbook written sheet by sheet through libxlsxwriter: a bold, frozen header
/// row, numbers as numbers. The C workbook is owned here and closed exactly once, by
/// `close()` or, if an error came first, on deinit.
public final class XLSXWriter {
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let path: String
    private let bold: UnsafeMutablePointer<lxw_format>?
    /// Number formats made so far, by format string: libxlsxwriter keeps each one made.
    private var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    public init(path: String) throws {
        guard let workbook = workbook_new(path) else { throw ObservatoireError(.output, "cannot create the workbook \(path)") }
        self.workbook = workbook
        self.path = path
        bold = workbook_add_format(workbook)
        format_set_bold(bold)
    }

    deinit {
        if let workbook { workbook_close(workbook) }
    }

    /// A sheet with a header row and a grid. Names are cut to Excel's 31 characters and
    /// the characters Excel refuses in them (`[]:*?/\`) become `-`.
    public func addSheet(_ name: String, header: [String], rows: [[SheetCell]]) throws {
        let sheet = try worksheet(name)
        for (column, title) in header.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(column), title, bold)
        }
        for (index, row) in rows.enumerated() {
            let line = lxw_row_t(index + 1)
            for (column, cell) in row.enumerated() {
                switch cell {
                case .text(let text), .code(let text): worksheet_write_string(sheet, line, lxw_col_t(column), text, nil)
                case .number(let number): worksheet_write_number(sheet, line, lxw_col_t(column), number, nil)
                case .formatted(let number, let format):
                    worksheet_write_number(sheet, line, lxw_col_t(column), number, try numberFormat(format))
                case .empty: break
                }
            }
        }
        worksheet_freeze_panes(sheet, 1, 0)
    }

    /// The workbook's format for a number format string, made once.
    private func numberFormat(_ code: String) throws -> UnsafeMutablePointer<lxw_format> {
        if let made = numberFormats[code] { return made }
        guard let workbook, let format = workbook_add_format(workbook) else {
            throw ObservatoireError(.output, "cannot add the number format \(code) to the workbook \(path)")
        }
        format_set_num_format(format, code)
        numberFormats[code] = format
        return format
    }

    /// A sheet of text lines in its first column (the request, the sources, notes).
    public func addLines(_ name: String, _ lines: [String]) throws {
        let sheet = try worksheet(name)
        for (index, text) in lines.enumerated() {
            worksheet_write_string(sheet, lxw_row_t(index), 0, text, nil)
        }
    }

    /// Writes the file.
    public func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw ObservatoireError(.output, "cannot write the workbook \(path): \(String(cString: lxw_strerror(status)))")
        }
    }

    private func worksheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
        let allowed = String(name.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
        guard let workbook, let sheet = workbook_add_worksheet(workbook, allowed) else {
            throw ObservatoireError(.output, "cannot add the sheet '\(allowed)' to the workbook \(path) (a sheet of that name exists?)")
        }
        return sheet
    }
}
