/// Renders lesson Markdown lightly for a terminal: enough to see the structure, no more.
///
/// - `# Title` and `## Section` are underlined with `=` and `-`; with colour they are shown in
///   bold (and the title also underlined) instead.
/// - `###` and deeper headings lose their `#`s, and are bold with colour.
/// - Fenced code blocks lose their fences and are indented by four spaces.
/// - Everything else, including `$...$` math, `**emphasis**` and lists, is printed as written:
///   Markdown source is meant to be readable as it is.
///
/// ```
/// TerminalMarkdown.render("## Training\nText.", color: false)
/// // "Training\n--------\nText."
/// ```
public enum TerminalMarkdown {
    static let bold = "\u{1B}[1m", underline = "\u{1B}[4m", reset = "\u{1B}[0m"

    public static func render(_ markdown: String, color: Bool) -> String {
        var output: [String] = []
        var inCode = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.drop(while: { $0 == " " }).hasPrefix("```") {
                inCode.toggle()
            } else if inCode {
                output.append("    " + line)
            } else if let heading = headingLevelAndText(line) {
                let text = heading.text
                switch (heading.level, color) {
                case (1, true): output.append(bold + underline + text + reset)
                case (_, true): output.append(bold + text + reset)
                case (1, false): output += [text, String(repeating: "=", count: text.count)]
                case (2, false): output += [text, String(repeating: "-", count: text.count)]
                case (_, false): output.append(text)
                }
            } else {
                output.append(line)
            }
        }
        return output.joined(separator: "\n")
    }

    /// `## Training` -> (2, `Training`); `nil` if the line is not a heading.
    private static func headingLevelAndText(_ line: String) -> (level: Int, text: String)? {
        let level = line.prefix { $0 == "#" }.count
        guard level > 0, line.dropFirst(level).hasPrefix(" ") else { return nil }
        return (level, Lesson.headingText(line))
    }
}
