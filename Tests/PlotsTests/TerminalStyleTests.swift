import Testing
@testable import Plots

@Suite("TerminalStyle: colour only when the caller's environment allows it")
struct TerminalStyleTests {
    @Test("NO_COLOR with any non-empty value gives plain output, even on a colour terminal",
          arguments: ["1", "0", "false", "yes", " "])
    func noColorDisablesColour(value: String) {
        let style = TerminalStyle.detect(environment: ["NO_COLOR": value, "TERM": "xterm-256color"], isTTY: true)
        #expect(style == .plain, "NO_COLOR=\"\(value)\"")
    }

    @Test("An empty NO_COLOR does not count as set (no-color.org), so a TTY still gets colour")
    func emptyNoColorIsUnset() {
        #expect(TerminalStyle.detect(environment: ["NO_COLOR": "", "TERM": "xterm"], isTTY: true) == .ansi256)
    }

    @Test("A TTY without NO_COLOR gets colour; a pipe or file never does; TERM=dumb never does")
    func ttyAndTerm() {
        #expect(TerminalStyle.detect(environment: ["TERM": "xterm-256color"], isTTY: true) == .ansi256)
        #expect(TerminalStyle.detect(environment: [:], isTTY: true) == .ansi256)
        #expect(TerminalStyle.detect(environment: ["TERM": "xterm-256color"], isTTY: false) == .plain)
        #expect(TerminalStyle.detect(environment: ["TERM": "dumb"], isTTY: true) == .plain)
    }

    @Test("paint leaves text alone in plain style and wraps it in 256-colour codes otherwise")
    func paint() {
        #expect(TerminalStyle.plain.paint("o", foreground: 208) == "o")
        #expect(TerminalStyle.ansi256.paint("o", foreground: 208) == "\u{1B}[38;5;208mo\u{1B}[0m")
        #expect(TerminalStyle.ansi256.paint("o", foreground: 1, background: 2) == "\u{1B}[38;5;1;48;5;2mo\u{1B}[0m")
        #expect(TerminalStyle.ansi256.paint("o", foreground: nil) == "o")
    }

    @Test("Visible width ignores escape sequences")
    func visibleWidthIgnoresEscapes() {
        #expect(visibleWidth(TerminalStyle.ansi256.paint("abc", foreground: 5) + "de") == 5)
    }
}
