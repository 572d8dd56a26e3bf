import Foundation
import Testing
@testable import GANNotesCLI

/// A result shaped like the experiments' JSON: nested objects, arrays of rows, a key with a dash.
let sampleResult = Data("""
    {"final": {"modes_covered": 7, "modes_total": 8, "high_quality_share": 0.278, "converged": true},
     "minimax": {"ratio": 1500.5}, "nonsaturating": {"ratio": 5.25},
     "rows": [{"name": "gan", "w1": 0.5, "seeds": [1, 2]}, {"name": "wgan-gp", "w1": 0.25, "seeds": [3]}],
     "by_loss": {"wgan-gp": {"modes": 0}}, "label": "ring8", "nothing": null}
    """.utf8)

@Suite("Claims: the expressions a lesson checks against a run")
struct ClaimTests {
    let evaluator = try! ClaimEvaluator(json: sampleResult)

    func holds(_ claim: String) throws -> Bool { try evaluator.check(ClaimExpression.parse(claim)).holds }
    func value(_ expression: String) throws -> ClaimValue { try evaluator.value(ClaimExpression.parse(expression)) }
    func error(_ claim: String) -> String? {
        do { _ = try evaluator.check(ClaimExpression.parse(claim)); return nil } catch { return error.message }
    }

    @Test("Paths follow keys, indices (negative from the end), quoted keys, field matches and [*]")
    func paths() throws {
        #expect(try value("final.modes_covered") == .number(7))
        #expect(try value("rows[1].name") == .string("wgan-gp"))
        #expect(try value("rows[-1].w1") == .number(0.25))
        #expect(try value("rows[-2].w1") == .number(0.5))
        #expect(try value(#"by_loss["wgan-gp"].modes"#) == .number(0))
        #expect(try value(#"rows[name="wgan-gp"].w1"#) == .number(0.25))
        #expect(try value(#"rows[name="gan", w1=0.5].seeds[1]"#) == .number(2))
        #expect(error(#"rows[name="gan", w1=0.25].w1 > 0"#) == #"no element of rows has name = "gan" and w1 = 0.25"#)
        #expect(try value("rows[*].w1") == .list([.number(0.5), .number(0.25)]))
        #expect(try value("final.converged") == .number(1), "true is 1")
        #expect(try value("label") == .string("ring8"))
    }

    @Test("Arithmetic keeps precedence, unary minus and parentheses; functions compute over lists")
    func arithmetic() throws {
        #expect(try value("1 + 2 * 3") == .number(7))
        #expect(try value("(1 + 2) * 3") == .number(9))
        #expect(try value("10 - 4 - 3") == .number(3), "left associative")
        #expect(try value("12 / 3 / 2") == .number(2), "left associative")
        #expect(try value("-final.modes_covered + 1") == .number(-6))
        #expect(try value("2 * -3") == .number(-6))
        #expect(try value("1e-3 * 2") == .number(0.002))
        #expect(try value("minimax.ratio / nonsaturating.ratio") == .number(1500.5 / 5.25))
        #expect(try value("mean(rows[*].w1)") == .number(0.375))
        #expect(try value("max(rows[*].w1)") == .number(0.5))
        #expect(try value("min(3, final.modes_covered, 9)") == .number(3))
        #expect(try value("sum(rows[0].seeds)") == .number(3))
        #expect(try value("count(rows)") == .number(2))
        #expect(try value("abs(-2) + sqrt(16)") == .number(6))
        #expect(try value("log(exp(2))") == .number(2))
    }

    @Test("Comparisons hold or not, chain, and join with and; the numbers are shown")
    func comparisons() throws {
        #expect(try holds("final.modes_covered >= 7"))
        #expect(try !holds("final.modes_covered > 7"))
        #expect(try holds("final.modes_covered < final.modes_total"))
        #expect(try holds("final.modes_covered != 8"))
        #expect(try holds("minimax.ratio > 100 * nonsaturating.ratio"))
        #expect(try !holds("minimax.ratio > 1000 * nonsaturating.ratio"))
        #expect(try holds("0.2 <= final.high_quality_share <= 0.3"))
        #expect(try !holds("0.3 <= final.high_quality_share <= 0.4"))
        #expect(try !holds("0.2 <= final.high_quality_share <= 0.25"), "every link of a chain must hold")
        #expect(try holds(#"label == "ring8" and rows[0].name != "wgan-gp""#))
        #expect(try !holds("final.modes_covered == 7 and final.modes_total == 7"))
        #expect(try holds("final.modes_covered == 8 or final.modes_total == 8"))
        #expect(try !holds("final.modes_covered == 8 or final.modes_total == 7"))
        #expect(try holds("label == \"x\" and 1 < 2 or 2 < 3"), "and binds tighter than or")
        #expect(error("1 < 2 or final.missing > 0") != nil, "a missing path fails even where the other side holds")
        let shown = try evaluator.check(ClaimExpression.parse("minimax.ratio > 100 * nonsaturating.ratio and count(rows) == 2"))
        #expect(shown.shown == "1500 > 525 and 2 == 2")
    }

    @Test("A missing path, a wrong type or a non-comparison is an error that says what and where, never a pass")
    func errors() {
        #expect(error("final.modes >= 7")?.hasPrefix("no 'modes' in final (it has: converged, high_quality_share") == true)
        #expect(error("rows[2].w1 > 0") == "rows[2] is out of range: rows has 2 elements")
        #expect(error("final.modes_covered[0] > 0") == "final.modes_covered is not an array, so it has no [0]")
        #expect(error(#"rows[name="lsgan"].w1 > 0"#) == #"no element of rows has name = "lsgan""#)
        #expect(error("rows > 1") == "rows is a list of objects; pick one with [i] or [field=value]")
        #expect(error("rows[*].seeds > 1") == "'>' needs a number, not [[1, 2], [3]]")
        #expect(error("final > 1") == "final is an object, not a value")
        #expect(error("nothing > 1") == "nothing is null")
        #expect(error(#"label < "z""#) == "strings can only be compared with == and !=")
        #expect(error("final.modes_covered + 1")?.hasPrefix("a claim must compare") == true)
    }

    @Test("Malformed claims are parse errors with the column")
    func parseErrors() {
        func parseError(_ text: String) -> String? {
            do { _ = try ClaimExpression.parse(text); return nil } catch { return error.message }
        }
        #expect(parseError("a >= ") == "expected a number, a path or '(' at the end")
        #expect(parseError("(a + 1") == "expected ')' at the end")
        #expect(parseError("(a > 1)") == "expected ')' at column 4, found '>'", "comparisons are not grouped")
        #expect(parseError("a > 1 )") == "unexpected ')' at column 7")
        #expect(parseError("a ? 1") == "unexpected character '?' at column 3")
        #expect(parseError("median(a) > 1")?.hasPrefix("unknown function 'median' at column 1") == true)
        #expect(parseError(#"a == "open"#) == "a string opened at column 6 is never closed")
        #expect(parseError("a. > 1") == "expected a key after '.' at column 4, found '>'")
        #expect(parseError("a[1.5] > 1") == "index '1.5' at column 3 is not an integer")
    }

    @Test("Fill-ins take the number from the result, in the format asked for; failures show [?]")
    func fillIns() {
        let filled = FillIn.fill("found {{final.modes_covered}} of {{ final.modes_total }}, "
            + "{{final.high_quality_share | percent}} ({{final.high_quality_share | fixed 3}}), "
            + "{{minimax.ratio / nonsaturating.ratio | times 1}}, {{rows[0].w1}} {{label}}", using: evaluator)
        #expect(filled.text == "found 7 of 8, 27.8% (0.278), x285.8, 0.5 ring8")
        #expect(filled.failures.isEmpty)

        let broken = FillIn.fill("a {{final.nope}} b {{final.modes_covered | euros}} c", using: evaluator)
        #expect(broken.text == "a [?] b [?] c")
        #expect(broken.failures.map(\.source) == ["final.nope", "final.modes_covered | euros"])
        #expect(broken.failures[1].message.hasPrefix("unknown format 'euros'"))

        let noResult = FillIn.fill("x {{final.modes_covered}}", using: nil)
        #expect(noResult.text == "x [?]" && noResult.failures.count == 1)
        #expect(FillIn.fill("no fill-ins, {single} braces", using: nil).text == "no fill-ins, {single} braces")
    }
}
