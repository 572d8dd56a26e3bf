import Foundation

/// Renders lesson Markdown for a terminal of a given width.
///
/// - `# Title` and `## Section` are underlined with `=` and `-`; with colour they are shown in
///   bold (and the title also underlined) instead. `###` and deeper lose their `#`s.
/// - Paragraphs and list items are reflowed to `columns` (list items with a hanging indent).
/// - Inline: `**bold**` is bold and `*emphasis*` italic with colour (plain without); `` `code` ``
///   keeps its backticks without colour and is cyan with it; `$...$` math is shown as Unicode
///   (``TerminalMath``).
/// - `$$...$$` display math is shown as Unicode on its own lines, indented by four spaces.
/// - Tables are aligned in columns; the last column wraps if the table is too wide.
/// - Fenced code blocks lose their fences and are indented by four spaces, otherwise as written.
///
/// ```
/// TerminalMarkdown.render("## Training\nThe **loss** $L_D \\le \\log 4$.", color: false)
/// // "Training\n--------\nThe loss L_D ≤ log 4."
/// ```
public enum TerminalMarkdown {
    static let bold = "\u{1B}[1m", italic = "\u{1B}[3m", underline = "\u{1B}[4m", cyan = "\u{1B}[36m",
        reset = "\u{1B}[0m"

    public static func render(_ markdown: String, color: Bool, columns: Int = 80) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var output: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i], stripped = line.drop(while: { $0 == " " })
            if stripped.hasPrefix("```") {
                i += 1
                while i < lines.count, !lines[i].drop(while: { $0 == " " }).hasPrefix("```") { output.append("    " + lines[i]); i += 1 }
                i += 1
            } else if let heading = headingLevelAndText(line) {
                output += renderHeading(level: heading.level, text: inline(heading.text, color: false), color: color)
                i += 1
            } else if stripped.hasPrefix("$$") {
                var math = String(stripped)
                while !(math.count > 2 && math.hasSuffix("$$")), i + 1 < lines.count { i += 1; math += " " + lines[i] }
                let latex = String(math.dropFirst(2).dropLast(math.hasSuffix("$$") && math.count > 2 ? 2 : 0))
                output += displayMath(TerminalMath.render(latex), columns: columns)
                i += 1
            } else if stripped.hasPrefix("|") {
                var rows: [String] = []
                while i < lines.count, lines[i].drop(while: { $0 == " " }).hasPrefix("|") { rows.append(lines[i]); i += 1 }
                output += renderTable(rows, color: color, columns: columns)
            } else if stripped.isEmpty {
                output.append("")
                i += 1
            } else {
                // A paragraph or one list item: this line and the following plain lines.
                let marker = listMarker(line)
                var text = String(line.dropFirst(marker.count))
                i += 1
                while i < lines.count, continuesParagraph(lines[i]) { text += " " + lines[i].trimmingCharacters(in: .whitespaces); i += 1 }
                let indent = String(repeating: " ", count: marker.count)
                output += wrap(inline(text, color: color), width: columns - marker.count)
                    .enumerated().map { ($0 == 0 ? marker : indent) + $1 }
            }
        }
        return output.joined(separator: "\n")
    }

    /// Display math indented by four spaces; too wide, it breaks first between the formulas a
    /// `\quad` separated, then at spaces (continuation lines indented by six).
    static func displayMath(_ math: String, columns: Int) -> [String] {
        let formulas = visibleWidth(math) + 4 <= columns ? [math] : math.components(separatedBy: "   ")
        return formulas.flatMap { formula in
            wrap(formula, width: columns - 6).enumerated().map { ($0 == 0 ? "    " : "      ") + $1 }
        }
    }

    static func renderHeading(level: Int, text: String, color: Bool) -> [String] {
        switch (level, color) {
        case (1, true): [bold + underline + text + reset]
        case (_, true): [bold + text + reset]
        case (1, false): [text, String(repeating: "=", count: visibleWidth(text))]
        case (2, false): [text, String(repeating: "-", count: visibleWidth(text))]
        case (_, false): [text]
        }
    }

    /// `- item` -> `"- "`, `12. item` -> `"12. "`, `  - nested` -> `"  - "`; `""` for other lines.
    static func listMarker(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") { return String(indent + rest.prefix(2)) }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") { return String(indent + digits) + ". " }
        return ""
    }

    /// Whether `line` goes on the paragraph above it (not blank, and not a new block or item).
    static func continuesParagraph(_ line: String) -> Bool {
        let stripped = line.drop { $0 == " " }
        return !stripped.isEmpty && listMarker(line).isEmpty && headingLevelAndText(line) == nil
            && !stripped.hasPrefix("```") && !stripped.hasPrefix("$$") && !stripped.hasPrefix("|")
    }

    /// `## Training` -> (2, `Training`); `nil` if the line is not a heading.
    private static func headingLevelAndText(_ line: String) -> (level: Int, text: String)? {
        let level = line.prefix { $0 == "#" }.count
        guard level > 0, line.dropFirst(level).hasPrefix(" ") else { return nil }
        return (level, Lesson.headingText(line))
    }
}
