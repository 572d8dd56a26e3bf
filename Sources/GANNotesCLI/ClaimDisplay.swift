/// How the lesson runner shows checked claims and recorded output.
///
/// ```
///   [pass] the generator finds at least seven of the eight modes
///          final.modes_covered >= 7: 8 >= 7
///   [FAIL] the minimax gradient falls a thousandfold
///          ratio > 1000: 12.5 > 1000
///   [quick] ...                    <- in quick mode: evaluated and shown, not judged
/// ```
enum ClaimDisplay {
    static let green = "\u{1B}[32m", red = "\u{1B}[31m", dim = "\u{1B}[2m"

    static func render(_ claims: [LessonRunner.ClaimRun], color: Bool, columns: Int) -> String {
        let indent = String(repeating: " ", count: 9)
        // "[quick]" is one wider than "[pass]"; the text under it keeps the same indent.
        var lines: [String] = []
        for claim in claims {
            let mark = !claim.judged ? "[quick]" : claim.holds ? "[pass]" : "[FAIL]"
            let tint = !claim.judged ? dim : claim.holds ? green : red
            let shownMark = color ? tint + mark + TerminalMarkdown.reset : mark
            let sentence = TerminalMarkdown.inline(claim.sentence, color: color)
            let wrapped = TerminalMarkdown.wrap(sentence, width: columns - 10)
            lines.append("  " + shownMark + " " + (wrapped.first ?? ""))
            lines += wrapped.dropFirst().map { indent + $0 }
            let detail = claim.source + ": " + claim.detail
            lines += TerminalMarkdown.wrap(detail, width: columns - 9).map { indent + (color ? dim + $0 + TerminalMarkdown.reset : $0) }
        }
        return lines.joined(separator: "\n")
    }

    /// A recorded block, framed and labelled so it is never mistaken for the run just shown.
    static func renderRecorded(command: String, output: String, color: Bool) -> String {
        let label = "recorded output of another run (not run now):"
        var lines = ["  ┌─ " + (color ? TerminalMarkdown.bold + label + TerminalMarkdown.reset : label),
                     "  │ $ " + command]
        lines += output.split(separator: "\n", omittingEmptySubsequences: false).map { "  │ " + $0 }
        lines.append("  └─")
        return lines.joined(separator: "\n")
    }
}
