import Foundation

/// A claim a lesson makes about the result of the command it just ran, written as a comparison over
/// paths into that result's JSON, and checked by the lesson runner against the run on screen.
///
/// ```
/// runs[0].final.modes_covered >= 7
/// minimax.ratio > 100 * nonsaturating.ratio
/// 0.2 <= rows[name="gan"].final.high_quality_share <= 0.4
/// mean(seeds[*].w1) < 0.1 and count(seeds) == 2
/// a.modes < b.modes or a.w1 > b.w1
/// ```
///
/// Grammar (usual precedence; comparisons may chain, `a < b < c` meaning `a < b and b < c`):
///
/// ```
/// claim      := conjunction ("or" conjunction)*
/// conjunction := comparison ("and" comparison)*
/// comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)*
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | primary
/// primary    := number | "string" | true | false | "(" sum ")" | name "(" sum ("," sum)* ")" | path
/// path       := name ("." name | "[" index "]" | "[" "string" "]" | "[" name "=" literal ("," name "=" literal)* "]" | "[*]")*
/// ```
///
/// `[-1]` is the last element; `[name="gan"]` is the first element of an array whose field `name`
/// equals `"gan"` (`[name="gan", data="ring8"]`: both fields must match); `["wgan-gp"]` is a key that is not a plain name; `[*]` maps the rest of the path
/// over every element, giving a list for `count`, `sum`, `mean`, `min` and `max`. The other
/// functions are `abs`, `sqrt`, `log` (natural) and `exp`. JSON `true` and `false` compare as 1 and 0.
///
/// A path that is not in the result is an error, never a pass: a claim about a run holds only if the
/// run shows it.
public indirect enum ClaimExpression: Equatable, Sendable {
    case number(Double)
    case string(String)
    case path([PathStep])
    case negate(ClaimExpression)
    case binary(Character, ClaimExpression, ClaimExpression)
    case call(String, [ClaimExpression])
    /// Operands and the relations between neighbours: `a < b <= c` is `([a, b, c], ["<", "<="])`.
    case comparison([ClaimExpression], [String])
    case and([ClaimExpression])
    case or([ClaimExpression])

    public struct Condition: Equatable, Sendable {
        public var field: String
        public var value: ClaimValue
    }

    public enum PathStep: Equatable, Sendable {
        case key(String)
        case index(Int)
        /// The first element of an array whose fields have all these values.
        case match([Condition])
        case each
    }
}

/// What an expression evaluates to.
public enum ClaimValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case list([ClaimValue])
    case truth(Bool)

    /// Numbers as a person reads them: integers without a decimal point, others to 4 significant digits.
    public var description: String {
        switch self {
        case .number(let x): ClaimValue.format(x)
        case .string(let s): "\"\(s)\""
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .truth(let b): b ? "true" : "false"
        }
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.4g", x)
    }
}

/// Why a claim could not be read or evaluated, in one line.
public struct ClaimError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
