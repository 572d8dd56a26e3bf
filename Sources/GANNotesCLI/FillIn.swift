import Foundation

/// Numbers quoted in a lesson's prose, filled in from the result of the command just run, so the
/// text says what the screen shows: `{{expression | format}}`.
///
/// ```
/// found {{final.modes_covered}} of 8 modes, {{final.high_quality_share | percent}} high quality
/// // found 7 of 8 modes, 27.8% high quality
/// ```
///
/// The expression is a ``ClaimExpression`` that gives a number (or a string); the formats are
/// - none: an integer as an integer, anything else to 3 significant digits;
/// - `percent [d]`: times 100, `d` decimals (default 1), and `%`;
/// - `fixed d`: `d` decimals; `sig d`: `d` significant digits; `int`: rounded to an integer;
/// - `times`: `x` and 2 decimals, for ratios (`x5.25`).
public enum FillIn {
    /// A fill-in that could not be made, and where.
    public struct Failure: Equatable, Sendable {
        public var source: String
        public var message: String
    }

    /// The fill-ins of `text`, as written between `{{` and `}}`.
    public static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            found.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// `text` with every fill-in replaced by its value under `evaluator` (or, where there is no
    /// result or it fails, by `[?]`), and the fill-ins that failed.
    public static func fill(_ text: String, using evaluator: ClaimEvaluator?) -> (text: String, failures: [Failure]) {
        var output = "", failures: [Failure] = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += rest[..<open.lowerBound]
            let source = String(rest[open.upperBound..<close.lowerBound])
            do throws(ClaimError) {
                guard let evaluator else { throw ClaimError("no command has given a result yet") }
                output += try value(of: source, using: evaluator)
            } catch {
                output += "[?]"
                failures.append(Failure(source: source.trimmingCharacters(in: .whitespaces), message: error.message))
            }
            rest = rest[close.upperBound...]
        }
        return (output + rest, failures)
    }

    /// The formatted value of one fill-in, `expression | format`.
    static func value(of source: String, using evaluator: ClaimEvaluator) throws(ClaimError) -> String {
        let parts = source.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let value = try evaluator.value(try ClaimExpression.parse(parts[0]))
        return try format(value, parts.count > 1 ? parts[1] : "")
    }

    /// `value` written as `format` says (see ``FillIn``).
    static func format(_ value: ClaimValue, _ format: String) throws(ClaimError) -> String {
        let words = format.split(separator: " ").map(String.init)
        guard let name = words.first else {
            if case .number(let x) = value, x != x.rounded() { return String(format: "%.3g", x) }
            if case .string(let s) = value { return s }
            return value.description
        }
        let x = try ClaimEvaluator.number(value, "format '\(format)'")
        let digits: Int? = words.count > 1 ? Int(words[1]) : nil
        if words.count > 1, digits == nil || digits! < 0 || digits! > 12 {
            throw ClaimError("format '\(format)': '\(words[1])' is not a number of digits")
        }
        switch name {
        case "percent": return String(format: "%.\(digits ?? 1)f%%", x * 100)
        case "fixed": return String(format: "%.\(digits ?? 2)f", x)
        case "sig": return String(format: "%.\(digits ?? 3)g", x)
        case "int": return String(Int64(x.rounded()))
        case "times": return String(format: "x%.\(digits ?? 2)f", x)
        default: throw ClaimError("unknown format '\(name)'; known: percent, fixed, sig, int, times")
        }
    }
}
