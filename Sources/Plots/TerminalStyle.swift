/// How a terminal figure is drawn: plain ASCII, or with ANSI 256-colour escape codes.
///
/// Figures never look at the environment themselves; the caller picks a style, usually with
/// `detect(environment:isTTY:)` once at start-up:
///
/// ```
/// let style = TerminalStyle.detect(environment: ProcessInfo.processInfo.environment,
///                                  isTTY: isatty(STDOUT_FILENO) == 1)
/// print(plot.render(style: style))
/// ```
///
/// Every figure is fully readable in `.plain` (series differ by glyph); colour only adds to it.
public struct TerminalStyle: Sendable, Hashable {
    /// Whether and how colour is written.
    public enum ColorMode: Sendable, Hashable {
        /// No escape codes at all: the output is plain text.
        case none
        /// `ESC[38;5;Nm` / `ESC[48;5;Nm` codes from the xterm 256-colour palette.
        case ansi256
    }

    public var color: ColorMode

    public init(color: ColorMode) {
        self.color = color
    }

    /// No colour: the output contains no escape bytes.
    public static let plain = TerminalStyle(color: .none)
    /// ANSI 256-colour output.
    public static let ansi256 = TerminalStyle(color: .ansi256)

    public var usesColor: Bool { color != .none }

    /// The style for a stream, from the environment and whether the stream is a terminal.
    ///
    /// Plain when any of these holds, else `.ansi256`:
    /// - `NO_COLOR` is present and not empty, whatever its value (https://no-color.org: "when
    ///   present and not an empty string (regardless of its value), prevents the addition of ANSI color");
    /// - the stream is not a TTY (a pipe or a file should get no escape codes);
    /// - `TERM` is `dumb` (a terminal that declares it understands no escape codes).
    ///
    /// - Parameters:
    ///   - environment: the process environment, passed in so this function reads no global state.
    ///   - isTTY: whether the output stream is a terminal (`isatty(fd) == 1`).
    public static func detect(environment: [String: String], isTTY: Bool) -> TerminalStyle {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .plain }
        if !isTTY { return .plain }
        if environment["TERM"] == "dumb" { return .plain }
        return .ansi256
    }

    /// `text` wrapped in colour codes when colour is on, unchanged otherwise.
    func paint(_ text: String, foreground: UInt8?, background: UInt8? = nil) -> String {
        guard usesColor, foreground != nil || background != nil else { return text }
        return Self.escape(foreground: foreground, background: background) + text + Self.reset
    }

    /// `ESC[38;5;F;48;5;Bm`, with the parts that are present.
    static func escape(foreground: UInt8?, background: UInt8?) -> String {
        var parts: [String] = []
        if let foreground { parts.append("38;5;\(foreground)") }
        if let background { parts.append("48;5;\(background)") }
        return "\u{1B}[" + parts.joined(separator: ";") + "m"
    }

    static let reset = "\u{1B}[0m"
}
