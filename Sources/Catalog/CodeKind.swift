import Tabular

/// The kinds of official codes found in published files, with their syntax.
///
/// Codes are strings: `01001`, `2A004`, `62498`. A code that lost its leading zero when a
/// file went through a spreadsheet (`1001`) is a defect of the input; it is reported as
/// such and only ever repaired on explicit request.
public enum CodeKind: String, Sendable, Codable, CaseIterable {
    case commune
    /// A commune déléguée or associée (COMD, COMA): a commune's code syntax, its own level,
    /// never converted as a commune (its code may be its parent's, as Neussargues-Moissac
    /// 15141 inside Neussargues en Pinatelle 15141).
    case communeDeleguee = "commune-deleguee"
    case iris
    case departement
    case region
    case arrondissement
    case epci

    public enum Check: Equatable, Sendable {
        case valid
        /// The code is one digit short and padding it with a zero makes it valid.
        case lostLeadingZero(repaired: String)
        case invalid
    }

    /// What a valid code looks like, said in error messages.
    public var expectation: String {
        switch self {
        case .commune, .communeDeleguee: "5 characters, digits or 2A/2B then 3 digits (e.g. 01001, 2A004)"
        case .iris: "9 characters: a commune code and 4 digits (e.g. 010040101)"
        case .departement: "2 characters (01…95, 2A, 2B) or 3 digits for overseas (971…976)"
        case .region: "2 digits (e.g. 32)"
        case .arrondissement: "3 or 4 characters: a département code and a digit (e.g. 011, 2A1, 9711)"
        case .epci: "9 digits (a SIREN number, e.g. 246200364), or ZZZZZZZZZ for a commune in no EPCI"
        }
    }

    public func check(_ code: UnsafeBufferPointer<UInt8>) -> Check {
        if isValid(code) { return .valid }
        let digitsOnly = !code.isEmpty && code.allSatisfy(Self.isDigit)
        guard digitsOnly, code.first != UInt8(ascii: "0"), self != .epci else { return .invalid }
        let padded = [UInt8(ascii: "0")] + Array(code)
        return padded.withUnsafeBufferPointer { isValid($0) } ? .lostLeadingZero(repaired: String(decoding: padded, as: UTF8.self)) : .invalid
    }

    public func check(_ code: String) -> Check {
        var copy = code
        return copy.withUTF8 { check($0) }
    }

    /// INSEE's EPCI code for "no EPCI" (Île-d'Yeu, Île-de-Bréhat, Île-de-Sein, Ouessant).
    public static let noEPCI = "ZZZZZZZZZ"

    /// The level of a commune-like code: Paris, Lyon and Marseille arrondissements are their own level.
    public static func communeLevel(_ code: UnsafeBufferPointer<UInt8>) -> String {
        guard code.count == 5, let number = Int(String(decoding: code, as: UTF8.self)) else { return "COM" }
        switch number {
        case 75101...75120, 69381...69389, 13201...13216: return "ARM"
        default: return "COM"
        }
    }

    /// Paris, Lyon and Marseille, the communes made of arrondissements municipaux.
    public static let communesWithArrondissements: Set<String> = ["75056", "69123", "13055"]

    /// Paris, Lyon or Marseille for one of their arrondissements municipaux (`69388` →
    /// `69123`), nil for any other code: a loader that sees every row (DPE) can give the
    /// commune its own medians, which no sum of arrondissements yields.
    public static func parentOfArrondissement(_ code: String) -> String? {
        guard code.count == 5, let number = Int(code) else { return nil }
        switch number {
        case 75101...75120: return "75056"
        case 69381...69389: return "69123"
        case 13201...13216: return "13055"
        default: return nil
        }
    }

    /// The territory level observations keyed by this kind of code belong to.
    public func level(of code: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .commune: Self.communeLevel(code)
        case .communeDeleguee: "COMD"
        case .iris: "IRIS"
        case .departement: "DEP"
        case .region: "REG"
        case .arrondissement: "ARR"
        case .epci: "EPCI"
        }
    }

    private func isValid(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        let d = Self.isDigit
        switch self {
        case .commune, .communeDeleguee:
            return code.count == 5 && Self.isCommunePrefix(code) && code[2...].allSatisfy(d)
        case .iris:
            return code.count == 9 && Self.isCommunePrefix(code) && code[2...].allSatisfy(d)
        case .departement:
            return Self.isDepartement(code)
        case .region:
            return code.count == 2 && code.allSatisfy(d)
        case .arrondissement:
            guard code.count == 3 || code.count == 4, let last = code.last, d(last) else { return false }
            return Self.isDepartement(UnsafeBufferPointer(rebasing: code[..<(code.count - 1)]))
        case .epci:
            // INSEE writes ZZZZZZZZZ for the few communes that belong to no EPCI.
            return code.count == 9 && (code.allSatisfy(d) || code.allSatisfy { $0 == UInt8(ascii: "Z") })
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Two digits, or 2A / 2B (Corsica).
    private static func isCommunePrefix(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        isDigit(code[0]) && (isDigit(code[1]) || (code[0] == UInt8(ascii: "2") && (code[1] == UInt8(ascii: "A") || code[1] == UInt8(ascii: "B"))))
    }

    private static func isDepartement(_ code: UnsafeBufferPointer<UInt8>) -> Bool {
        if code.count == 3 { return code[0] == UInt8(ascii: "9") && code[1] == UInt8(ascii: "7") && isDigit(code[2]) }
        guard code.count == 2 else { return false }
        if code[0] == UInt8(ascii: "2") && (code[1] == UInt8(ascii: "A") || code[1] == UInt8(ascii: "B")) { return true }
        return isDigit(code[0]) && isDigit(code[1]) && !(code[0] == 0x30 && code[1] == 0x30)
    }
}
