import Foundation

extension TerminalMarkdown {
    /// One line of Markdown with its inline markup rendered: code spans, `$math$`, `**bold**`,
    /// `*emphasis*`, `[text](link)`.
    static func inline(_ text: String, color: Bool) -> String {
        let chars = Array(text)
        var out = "", i = 0
        var inBold = false, inItalic = false
        func closing(_ mark: String, from start: Int) -> Int? {
            let m = Array(mark)
            var j = start
            while j + m.count <= chars.count {
                if Array(chars[j..<(j + m.count)]) == m { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "$*`_[]".contains(chars[i + 1]) {
                out.append(chars[i + 1]); i += 2
            } else if c == "`", let end = closing("`", from: i + 1) {
                let code = String(chars[(i + 1)..<end])
                out += color ? cyan + code + reset + resume(bold: inBold, italic: inItalic) : "`" + code + "`"
                i = end + 1
            } else if c == "$", i + 1 < chars.count, chars[i + 1] != "$", let end = closing("$", from: i + 1) {
                out += TerminalMath.render(String(chars[(i + 1)..<end]))
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", inBold || closing("**", from: i + 2) != nil {
                inBold.toggle()
                if color { out += inBold ? bold : reset + resume(bold: false, italic: inItalic) }
                i += 2
            } else if c == "*", inItalic || (i + 1 < chars.count && !chars[i + 1].isWhitespace && closing("*", from: i + 1) != nil) {
                inItalic.toggle()
                if color { out += inItalic ? italic : reset + resume(bold: inBold, italic: false) }
                i += 1
            } else if c == "[", let mid = closing("](", from: i + 1), let end = closing(")", from: mid + 2) {
                out += String(chars[(i + 1)..<mid]) + " (" + String(chars[(mid + 2)..<end]) + ")"
                i = end + 1
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    private static func resume(bold isBold: Bool, italic isItalic: Bool) -> String {
        (isBold ? bold : "") + (isItalic ? italic : "")
    }

    /// `text` broken at spaces into lines of at most `width` visible characters (a word longer
    /// than `width` gets a line of its own). ANSI escapes take no width.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 8)
        var lines: [String] = [], line = "", lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = visibleWidth(word)
            if lineWidth > 0, lineWidth + 1 + w > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 { line += " "; lineWidth += 1 }
            line += word
            lineWidth += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Characters as a terminal shows them: ANSI escape sequences (`ESC [ ... letter`) take none.
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        var width = 0, inEscape = false
        for c in text {
            if inEscape { if c.isLetter { inEscape = false } } else if c == "\u{1B}" { inEscape = true } else { width += 1 }
        }
        return width
    }

    /// A Markdown table (`| a | b |` rows, a `|---|---|` rule under the header) aligned in columns
    /// two spaces apart. When it is wider than `columns`, the widest columns give up width (to no
    /// less than 8) and their cells wrap.
    static func renderTable(_ rows: [String], color: Bool, columns: Int) -> [String] {
        let cells: [[String]] = rows.compactMap { row in
            let parts = row.trimmingCharacters(in: .whitespaces).split(separator: "|", omittingEmptySubsequences: false)
                .dropFirst().dropLast().map { inline($0.trimmingCharacters(in: .whitespaces), color: color) }
            return parts.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) ? nil : parts
        }
        guard let header = cells.first else { return [] }
        let count = header.count
        var widths = (0..<count).map { c in cells.map { c < $0.count ? visibleWidth($0[c]) : 0 }.max() ?? 0 }
        let available = columns - 2 * (count - 1)
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > 8 {
            widths[widest] -= 1
        }
        let pad = { (text: String, width: Int) in text + String(repeating: " ", count: max(0, width - visibleWidth(text))) }
        var lines: [String] = []
        for (r, row) in cells.enumerated() {
            let wrapped = (0..<count).map { c in wrap(c < row.count ? row[c] : "", width: widths[c]) }
            for k in 0..<(wrapped.map(\.count).max() ?? 1) {
                var line = (0..<count).map { c in pad(k < wrapped[c].count ? wrapped[c][k] : "", widths[c]) }.joined(separator: "  ")
                while line.last == " " { line.removeLast() }
                lines.append(line)
            }
            if r == 0 { lines.append(String(repeating: "-", count: min(columns, widths.reduce(0, +) + 2 * (count - 1)))) }
        }
        return lines
    }
}
