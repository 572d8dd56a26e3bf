import Foundation
import Autodiff

/// Reads points from comma-separated text: one point per line, one or two columns used.
///
/// - Lines that are blank or start with `#` are skipped.
/// - The first remaining line is a header if any of its fields is not a number; its names can then
///   select columns.
/// - Every selected value must be a finite number; the first that is not stops the read with an
///   error naming the line and the column.
/// - At least two points are needed.
public enum CSVPoints {
    /// What is wrong with the file, in one line that names the place.
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { message }
    }

    /// The largest CSV file read: 64 MiB, about 3 million points of two columns, which take
    /// 48 MB as a tensor and several times that while being parsed. A toy GAN learns nothing
    /// more from more points; sample the file down first.
    public static let maximumFileBytes = 64 << 20

    /// Reads the file at `path`. See `parse(_:source:columns:)`.
    public static func read(path: String, columns: [String]? = nil) throws(ReadError) -> Tensor {
        try parse(try text(of: try contents(ofFile: path), source: path), source: path, columns: columns)
    }

    /// The bytes of the file at `path`, refused with a message when it is a directory, not
    /// readable, or larger than ``maximumFileBytes`` (checked before reading).
    public static func contents(ofFile path: String) throws(ReadError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "cannot read '\(path)': no such file")
        }
        if isDirectory.boolValue { throw ReadError(message: "'\(path)' is a directory; expected a CSV file") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        // A FIFO or a device would block or never end.
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ReadError(message: "'\(path)' is not a regular file; expected a CSV file")
        }
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if size > maximumFileBytes {
            throw ReadError(message: "'\(path)' is \(size >> 20) MiB; the limit is \(maximumFileBytes >> 20) MiB "
                + "(about 3 million points, several hundred MB while parsing); sample the file down first")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "cannot read '\(path)': not readable")
        }
        return data
    }

    /// `data` as UTF-8 text.
    public static func text(of data: Data, source: String) throws(ReadError) -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(message: "'\(source)' is not UTF-8 text")
        }
        return text
    }

    /// A 64-bit FNV-1a digest of `data`, as 16 hex digits: enough to notice that a data file
    /// changed between a run and its resumption (not a defence against a forged file).
    public static func digest(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Parses CSV text into `[N, d]` points.
    ///
    /// - Parameters:
    ///   - source: the file name used in error messages.
    ///   - columns: one or two columns to use, each a header name or a 1-based column number;
    ///     `nil` uses the first two columns (or the only one).
    public static func parse(_ text: String, source: String, columns: [String]? = nil) throws(ReadError) -> Tensor {
        var header: [String]?
        var selected: [Int]?
        var values: [Double] = []
        var rows = 0
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if selected == nil {
                // The first content line: a header if some field is not a number.
                if header == nil, rows == 0, fields.contains(where: { Double($0) == nil }) {
                    header = fields
                    selected = try choose(columns, header: fields, width: fields.count, source: source, line: lineNumber)
                    continue
                }
                selected = try choose(columns, header: header, width: fields.count, source: source, line: lineNumber)
            }
            for c in selected! {
                let name = header.map { "column \(c + 1) ('\($0[c])')" } ?? "column \(c + 1)"
                guard c < fields.count else {
                    throw ReadError(message: "\(source) line \(lineNumber): has \(fields.count) columns, \(name) is missing")
                }
                guard let v = Double(fields[c]) else {
                    throw ReadError(message: "\(source) line \(lineNumber), \(name): '\(fields[c])' is not a number")
                }
                guard v.isFinite else {
                    throw ReadError(message: "\(source) line \(lineNumber), \(name): \(fields[c]) is not finite; every value must be a finite number")
                }
                values.append(v)
            }
            rows += 1
        }
        guard rows >= 2, let d = selected?.count else {
            throw ReadError(message: "\(source) has \(rows) point\(rows == 1 ? "" : "s"); at least 2 are needed")
        }
        return Tensor(shape: [rows, d], scalars: values)
    }

    private static func choose(_ columns: [String]?, header: [String]?, width: Int, source: String,
                               line: Int) throws(ReadError) -> [Int] {
        guard let columns else { return Array(0..<Swift.min(2, width)) }
        guard (1...2).contains(columns.count) else {
            throw ReadError(message: "--data-column takes one or two columns, got \(columns.count)")
        }
        var out: [Int] = []
        for name in columns {
            if let i = header?.firstIndex(of: name) { out.append(i); continue }
            if let k = Int(name), k >= 1, k <= width { out.append(k - 1); continue }
            let known = header.map { "; the header has: " + $0.joined(separator: ", ") } ?? "; use a column number from 1 to \(width)"
            throw ReadError(message: "\(source) line \(line): no column '\(name)'\(known)")
        }
        return out
    }
}
