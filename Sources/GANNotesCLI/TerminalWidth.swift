/// The width of the terminal that a command's text is for, while that command runs.
///
/// The dispatcher sets it from ``IO/columns`` around each command, so that `table` and
/// ``fitToWidth(_:)`` can keep text inside the window without every report passing the width
/// down; `nil` (outside a command, in tests of a single report) means no limit.
enum TerminalWidth {
    @TaskLocal static var columns: Int?
}

/// `text` with every line that is wider than the terminal (``TerminalWidth/columns``) broken at
/// spaces into lines that fit, each continuation indented two columns past the line's own
/// indentation (at most half the width). A word longer than the width is cut. Lines that fit are left exactly as they are;
/// so are figures and tables, which size themselves.
func fitToWidth(_ text: String) -> String {
    guard let width = TerminalWidth.columns else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
        .flatMap { wrapLine(String($0), width: width) }.joined(separator: "\n")
}

/// One line broken to `width` columns (ANSI colour codes count as no width).
func wrapLine(_ line: String, width: Int) -> [String] {
    guard visibleCount(line) > width else { return [line] }
    // The indentation is kept up to half the width, so every continuation line has room to move on.
    let leading = line.prefix { $0 == " " }.count
    let indent = String(repeating: " ", count: min(leading, width / 2))
    let continuation = String(repeating: " ", count: min(indent.count + 2, width / 2))
    var lines: [String] = []
    var current = indent
    for word in line.dropFirst(leading).split(separator: " ", omittingEmptySubsequences: true) {
        let prefix = current == indent || current == continuation ? current : current + " "
        if visibleCount(prefix) + visibleCount(String(word)) <= width || current == indent || current == continuation {
            current = prefix + word
            while visibleCount(current) > width {                       // a word wider than the line
                let cut = current.index(current.startIndex, offsetBy: width)
                lines.append(String(current[..<cut]))
                current = continuation + current[cut...]
            }
        } else {
            lines.append(current)
            current = continuation + word
        }
    }
    lines.append(current)
    return lines
}

/// Characters that take a column: everything but ANSI escape sequences.
func visibleCount(_ s: String) -> Int {
    var count = 0, inEscape = false
    for c in s {
        if inEscape { if c.isLetter { inEscape = false } }
        else if c == "\u{1B}" { inEscape = true }
        else { count += 1 }
    }
    return count
}
