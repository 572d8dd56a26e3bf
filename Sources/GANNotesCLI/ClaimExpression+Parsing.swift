import Foundation

extension ClaimExpression {
    /// Parses a claim (see ``ClaimExpression`` for the grammar).
    ///
    /// - Throws: ``ClaimError`` naming what was expected and the column where it was not found.
    public static func parse(_ text: String) throws(ClaimError) -> ClaimExpression {
        var parser = ClaimParser(tokens: try ClaimParser.tokenize(text))
        let expression = try parser.claim()
        guard parser.position == parser.tokens.count else {
            throw ClaimError("unexpected '\(parser.tokens[parser.position].text)' at column \(parser.tokens[parser.position].column)")
        }
        return expression
    }
}

/// A recursive-descent parser over the tokens of one claim: one method per grammar rule.
struct ClaimParser {
    struct Token: Equatable {
        enum Kind: Equatable { case number, string, name, symbol }
        var kind: Kind
        var text: String
        var column: Int
    }

    var tokens: [Token]
    var position = 0

    static let relations = ["<=", ">=", "==", "!=", "<", ">"]

    /// Numbers (`1`, `0.25`, `1e-3`), strings in double quotes, names (`modes_covered`), and the
    /// symbols `( ) [ ] . , + - * / = < > <= >= == !=`.
    static func tokenize(_ text: String) throws(ClaimError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i], column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c.isNumber {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "-" || chars[k] == "+" { k += 1 }
                    if k < chars.count, chars[k].isNumber {
                        j = k
                        while j < chars.count, chars[j].isNumber { j += 1 }
                    }
                }
                tokens.append(Token(kind: .number, text: String(chars[i..<j]), column: column)); i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                tokens.append(Token(kind: .name, text: String(chars[i..<j]), column: column)); i = j
            } else if c == "\"" {
                guard let end = chars[(i + 1)...].firstIndex(of: "\"") else {
                    throw ClaimError("a string opened at column \(column) is never closed")
                }
                tokens.append(Token(kind: .string, text: String(chars[(i + 1)..<end]), column: column)); i = end + 1
            } else if i + 1 < chars.count, ["<=", ">=", "==", "!="].contains(String(chars[i...(i + 1)])) {
                tokens.append(Token(kind: .symbol, text: String(chars[i...(i + 1)]), column: column)); i += 2
            } else if "()[].,+-*/=<>".contains(c) {
                tokens.append(Token(kind: .symbol, text: String(c), column: column)); i += 1
            } else {
                throw ClaimError("unexpected character '\(c)' at column \(column)")
            }
        }
        return tokens
    }

    var next: Token? { position < tokens.count ? tokens[position] : nil }

    mutating func accept(_ symbol: String) -> Bool {
        guard let token = next, token.kind == .symbol || token.kind == .name, token.text == symbol else { return false }
        position += 1
        return true
    }

    mutating func expect(_ symbol: String) throws(ClaimError) {
        guard accept(symbol) else { throw unexpected("'\(symbol)'") }
    }

    func unexpected(_ wanted: String) -> ClaimError {
        guard let token = next else { return ClaimError("expected \(wanted) at the end") }
        return ClaimError("expected \(wanted) at column \(token.column), found '\(token.text)'")
    }

    mutating func claim() throws(ClaimError) -> ClaimExpression {
        var parts = [try conjunction()]
        while accept("or") { parts.append(try conjunction()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    mutating func conjunction() throws(ClaimError) -> ClaimExpression {
        var parts = [try comparison()]
        while accept("and") { parts.append(try comparison()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    mutating func comparison() throws(ClaimError) -> ClaimExpression {
        var operands = [try sum()], relations: [String] = []
        while let token = next, token.kind == .symbol, ClaimParser.relations.contains(token.text) {
            position += 1
            relations.append(token.text)
            operands.append(try sum())
        }
        return relations.isEmpty ? operands[0] : .comparison(operands, relations)
    }

    mutating func sum() throws(ClaimError) -> ClaimExpression {
        var left = try product()
        while let op = next?.text, next?.kind == .symbol, op == "+" || op == "-" {
            position += 1
            left = .binary(Character(op), left, try product())
        }
        return left
    }

    mutating func product() throws(ClaimError) -> ClaimExpression {
        var left = try unary()
        while let op = next?.text, next?.kind == .symbol, op == "*" || op == "/" {
            position += 1
            left = .binary(Character(op), left, try unary())
        }
        return left
    }

    mutating func unary() throws(ClaimError) -> ClaimExpression {
        if accept("-") { return .negate(try unary()) }
        return try primary()
    }

    mutating func primary() throws(ClaimError) -> ClaimExpression {
        guard let token = next else { throw unexpected("a number, a path or '('") }
        switch token.kind {
        case .number:
            position += 1
            guard let value = Double(token.text) else { throw ClaimError("'\(token.text)' at column \(token.column) is not a number") }
            return .number(value)
        case .string:
            position += 1
            return .string(token.text)
        case .symbol:
            guard accept("(") else { throw unexpected("a number, a path or '('") }
            let inner = try sum()
            try expect(")")
            return inner
        case .name:
            position += 1
            if token.text == "true" { return .number(1) }
            if token.text == "false" { return .number(0) }
            if accept("(") {
                guard ClaimEvaluator.functions.contains(token.text) else {
                    throw ClaimError("unknown function '\(token.text)' at column \(token.column); known: "
                        + ClaimEvaluator.functions.sorted().joined(separator: ", "))
                }
                var arguments = [try sum()]
                while accept(",") { arguments.append(try sum()) }
                try expect(")")
                return .call(token.text, arguments)
            }
            return .path([.key(token.text)] + (try pathSteps()))
        }
    }

    mutating func pathSteps() throws(ClaimError) -> [ClaimExpression.PathStep] {
        var steps: [ClaimExpression.PathStep] = []
        while true {
            if accept(".") {
                guard let name = next, name.kind == .name else { throw unexpected("a key after '.'") }
                position += 1
                steps.append(.key(name.text))
            } else if accept("[") {
                steps.append(try bracketStep())
                try expect("]")
            } else {
                return steps
            }
        }
    }

    /// `[3]`, `[-1]`, `["wgan-gp"]`, `[name="gan"]` or `[*]`.
    mutating func bracketStep() throws(ClaimError) -> ClaimExpression.PathStep {
        if accept("*") { return .each }
        let negative = accept("-")
        guard let token = next else { throw unexpected("an index, a \"key\" or field=value") }
        switch token.kind {
        case .number:
            position += 1
            guard let index = Int(token.text) else { throw ClaimError("index '\(token.text)' at column \(token.column) is not an integer") }
            return .index(negative ? -index : index)
        case .string where !negative:
            position += 1
            return .key(token.text)
        case .name where !negative:
            var conditions: [ClaimExpression.Condition] = []
            repeat {
                guard let field = next, field.kind == .name else { throw unexpected("a field name") }
                position += 1
                try expect("=")
                guard let value = next, value.kind != .symbol else { throw unexpected("a value after '='") }
                position += 1
                let wanted: ClaimValue = value.kind == .number ? .number(Double(value.text) ?? .nan) : .string(value.text)
                conditions.append(ClaimExpression.Condition(field: field.text, value: wanted))
            } while accept(",")
            return .match(conditions)
        default:
            throw unexpected("an index, a \"key\" or field=value")
        }
    }
}
