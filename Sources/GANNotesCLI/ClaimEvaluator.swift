import Foundation

/// Evaluates ``ClaimExpression``s against one command's result (its JSON, parsed once).
///
/// ```
/// let evaluator = try ClaimEvaluator(json: Data(#"{"final": {"modes_covered": 7}}"#.utf8))
/// try evaluator.check(.parse("final.modes_covered >= 7"))   // (holds: true, shown: "7 >= 7")
/// ```
public struct ClaimEvaluator {
    /// The result, as `JSONSerialization` reads it.
    let root: Any

    static let functions: Set<String> = ["abs", "sqrt", "log", "exp", "min", "max", "mean", "sum", "count"]

    public init(json: Data) throws(ClaimError) {
        guard let root = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) else {
            throw ClaimError("the command's result is not valid JSON")
        }
        self.root = root
    }

    /// Whether a claim holds, and the claim with its numbers filled in (`7 >= 7`,
    /// `1234 > 320 and 2 == 2`), to show next to it.
    ///
    /// - Throws: ``ClaimError`` if a path is missing, a value has the wrong type, or the claim is
    ///   not a comparison (a bare number is not a claim).
    public func check(_ claim: ClaimExpression) throws(ClaimError) -> (holds: Bool, shown: String) {
        switch claim {
        case .and(let parts), .or(let parts):
            // Every part is evaluated (and shown), so a missing path fails even where it would not decide.
            let isAnd = if case .and = claim { true } else { false }
            var results: [Bool] = [], shown: [String] = []
            for part in parts {
                let result = try check(part)
                results.append(result.holds)
                shown.append(result.shown)
            }
            let holds = isAnd ? !results.contains(false) : results.contains(true)
            return (holds, shown.joined(separator: isAnd ? " and " : " or "))
        case .comparison(let operands, let relations):
            let values = try operands.map { (operand) throws(ClaimError) in try value(operand) }
            var holds = true, shown = values[0].description
            for (index, relation) in relations.enumerated() {
                holds = try ClaimEvaluator.compare(values[index], relation, values[index + 1]) && holds
                shown += " \(relation) \(values[index + 1])"
            }
            return (holds, shown)
        default:
            throw ClaimError("a claim must compare (<, <=, >, >=, ==, !=); this only computes a value")
        }
    }

    /// The value of an expression (a number, a string or a list; comparisons give a truth value).
    public func value(_ expression: ClaimExpression) throws(ClaimError) -> ClaimValue {
        switch expression {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .path(let steps): return try ClaimEvaluator.convert(resolve(steps, in: root, at: ""), at: ClaimEvaluator.describe(steps))
        case .negate(let inner): return .number(-(try ClaimEvaluator.number(value(inner), "'-'")))
        case .binary(let op, let left, let right):
            let a = try ClaimEvaluator.number(value(left), "'\(op)'"), b = try ClaimEvaluator.number(value(right), "'\(op)'")
            switch op {
            case "+": return .number(a + b)
            case "-": return .number(a - b)
            case "*": return .number(a * b)
            default: return .number(a / b)
            }
        case .call("count", let arguments):
            // Counts any array, of objects too, so it does not go through `convert`.
            guard arguments.count == 1, case .path(let steps) = arguments[0],
                  let array = try resolve(steps, in: root, at: "") as? [Any] else {
                throw ClaimError("count(...) needs the path of one array")
            }
            return .number(Double(array.count))
        case .call(let name, let arguments):
            return try ClaimEvaluator.call(name, arguments.map { (argument) throws(ClaimError) in try value(argument) })
        case .comparison, .and, .or:
            return .truth(try check(expression).holds)
        }
    }

    /// Follows `steps` from `node`; `at` is the path so far, for error messages.
    func resolve(_ steps: [ClaimExpression.PathStep], in node: Any, at: String) throws(ClaimError) -> Any {
        guard let step = steps.first else { return node }
        let rest = Array(steps.dropFirst())
        let here = at + ClaimEvaluator.describe([step], leadingDot: !at.isEmpty)
        let place = at.isEmpty ? "the result" : at
        switch step {
        case .key(let key):
            guard let object = node as? [String: Any] else { throw ClaimError("\(place) is not an object, so it has no '\(key)'") }
            guard let child = object[key] else {
                throw ClaimError("no '\(key)' in \(place) (it has: \(object.keys.sorted().joined(separator: ", ")))")
            }
            return try resolve(rest, in: child, at: here)
        case .index(let index):
            guard let array = node as? [Any] else { throw ClaimError("\(place) is not an array, so it has no [\(index)]") }
            let actual = index < 0 ? array.count + index : index
            guard array.indices.contains(actual) else {
                throw ClaimError("\(here) is out of range: \(place) has \(array.count) elements")
            }
            return try resolve(rest, in: array[actual], at: here)
        case .match(let conditions):
            guard let array = node as? [Any] else { throw ClaimError("\(place) is not an array, so it cannot be searched") }
            for element in array {
                guard let object = element as? [String: Any] else { continue }
                let matches = conditions.allSatisfy { condition in
                    object[condition.field].flatMap { try? ClaimEvaluator.convert($0, at: here) } == condition.value
                }
                if matches { return try resolve(rest, in: element, at: here) }
            }
            let wanted = conditions.map { "\($0.field) = \($0.value)" }.joined(separator: " and ")
            throw ClaimError("no element of \(place) has \(wanted)")
        case .each:
            guard let array = node as? [Any] else { throw ClaimError("\(place) is not an array, so it has no [*]") }
            return try array.enumerated().map { (i, element) throws(ClaimError) in
                try resolve(rest, in: element, at: at + ClaimEvaluator.describe([.index(i)], leadingDot: true))
            }
        }
    }

    static func convert(_ node: Any, at path: String) throws(ClaimError) -> ClaimValue {
        // JSONSerialization gives NSNumber for both numbers and booleans (true is 1, false 0).
        if let number = node as? NSNumber { return .number(number.doubleValue) }
        if let string = node as? String { return .string(string) }
        if let array = node as? [Any] {
            if array.contains(where: { $0 is [String: Any] }) {
                throw ClaimError("\(path) is a list of objects; pick one with [i] or [field=value]")
            }
            return .list(try array.map { (element) throws(ClaimError) in try convert(element, at: path) })
        }
        if node is NSNull { throw ClaimError("\(path) is null") }
        throw ClaimError("\(path) is an object, not a value")
    }

    static func number(_ value: ClaimValue, _ use: String) throws(ClaimError) -> Double {
        switch value {
        case .number(let x): return x
        case .truth(let b): return b ? 1 : 0
        default: throw ClaimError("\(use) needs a number, not \(value)")
        }
    }

    static func compare(_ a: ClaimValue, _ relation: String, _ b: ClaimValue) throws(ClaimError) -> Bool {
        if case .string(let s) = a, case .string(let t) = b {
            switch relation {
            case "==": return s == t
            case "!=": return s != t
            default: throw ClaimError("strings can only be compared with == and !=")
            }
        }
        let x = try number(a, "'\(relation)'"), y = try number(b, "'\(relation)'")
        switch relation {
        case "<": return x < y
        case "<=": return x <= y
        case ">": return x > y
        case ">=": return x >= y
        case "==": return x == y
        default: return x != y
        }
    }

    static func call(_ name: String, _ arguments: [ClaimValue]) throws(ClaimError) -> ClaimValue {
        // Aggregates take a list or several numbers; the others exactly one number.
        let flat: [ClaimValue] = arguments.count == 1 ? (arguments[0].items ?? arguments) : arguments
        let numbers = try flat.map { (value) throws(ClaimError) in try number(value, "\(name)(...)") }
        switch name {
        case "min", "max", "mean", "sum":
            guard !numbers.isEmpty else { throw ClaimError("\(name)(...) of an empty list") }
            switch name {
            case "min": return .number(numbers.min()!)
            case "max": return .number(numbers.max()!)
            case "sum": return .number(numbers.reduce(0, +))
            default: return .number(numbers.reduce(0, +) / Double(numbers.count))
            }
        default:
            guard numbers.count == 1 else { throw ClaimError("\(name)(...) takes one number") }
            switch name {
            case "abs": return .number(abs(numbers[0]))
            case "sqrt": return .number(numbers[0].squareRoot())
            case "log": return .number(Foundation.log(numbers[0]))
            default: return .number(Foundation.exp(numbers[0]))
            }
        }
    }

    /// `[.key("runs"), .index(0), .key("final")]` -> `runs[0].final`.
    static func describe(_ steps: [ClaimExpression.PathStep], leadingDot: Bool = false) -> String {
        var text = ""
        for (i, step) in steps.enumerated() {
            switch step {
            case .key(let key) where key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }):
                text += (i > 0 || leadingDot ? "." : "") + key
            case .key(let key): text += "[\"\(key)\"]"
            case .index(let index): text += "[\(index)]"
            case .match(let conditions): text += "[" + conditions.map { "\($0.field)=\($0.value)" }.joined(separator: ", ") + "]"
            case .each: text += "[*]"
            }
        }
        return text
    }
}

extension ClaimValue {
    /// The elements of a list; `nil` for anything else.
    var items: [ClaimValue]? { if case .list(let items) = self { items } else { nil } }
}
