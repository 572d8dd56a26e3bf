/// What the live training view shows at one moment, as plain values: a frame is composed from
/// this alone, so a known state gives a known frame (the tests) and the terminal loop only fetches
/// the values and writes the lines.
public struct LiveSnapshot: Sendable {
    /// Short facts for the first line, most important first: `"gan on ring8"`, `"step 120/2000"`,
    /// `"paused"`, `"D frozen"`. Items that do not fit the width are left out from the end.
    public var status: [String]
    /// The second line: the current metrics (`"modes 7/8  hq 64.2%  W1 0.123"`) and losses.
    public var metrics: String
    /// The critic's value over the plane, sampled at the main panel's data size (see `LiveLayout`).
    public var critic: ScalarGrid
    /// The same field sampled at the manifold panel's size, on the same axes.
    public var manifoldField: ScalarGrid
    public var real: [PlotPoint]
    public var generated: [PlotPoint]
    /// `-dL_G/dx` on a subset of the generated samples, already scaled to the plot.
    public var arrows: [Arrow]
    /// The images of the lines of a regular noise grid under the generator.
    public var manifold: [[PlotPoint]]
    public var discriminatorLoss: [PlotPoint]
    public var generatorLoss: [PlotPoint]

    public init(status: [String], metrics: String, critic: ScalarGrid, manifoldField: ScalarGrid,
                real: [PlotPoint], generated: [PlotPoint], arrows: [Arrow], manifold: [[PlotPoint]],
                discriminatorLoss: [PlotPoint], generatorLoss: [PlotPoint]) {
        self.status = status
        self.metrics = metrics
        self.critic = critic
        self.manifoldField = manifoldField
        self.real = real
        self.generated = generated
        self.arrows = arrows
        self.manifold = manifold
        self.discriminatorLoss = discriminatorLoss
        self.generatorLoss = generatorLoss
    }
}

/// Where the panels of the live view go in a terminal of `columns` x `rows` cells:
///
/// ```
/// status line                                        (1 row)
/// metrics line                                       (1 row)
/// +-- samples over the critic --+  +-- G(noise grid) --+
/// |  real +, generated o,       |  |                   |
/// |  arrows -dL_G/dx            |  +-------------------+
/// |                             |  +-- losses ---------+
/// +-----------------------------+  +-------------------+
/// legend (wrapped)                                   (2 rows)
/// keys                                               (1 row)
/// ```
///
/// The main panel takes 58% of the width; the right column splits the rest of the height between
/// the manifold and the loss curves. Each panel loses `panelOverhead` rows and about
/// `labelColumns + 3` columns to its title, borders and labels.
public struct LiveLayout: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    /// Data-area sizes (cells) of the three panels.
    public let main: (width: Int, height: Int)
    public let manifold: (width: Int, height: Int)
    public let losses: (width: Int, height: Int)
    /// Columns of the left block (main panel with its labels); the right block starts 2 later.
    public let leftColumns: Int

    /// The smallest terminal the view draws in; below it, the frame says so instead.
    public static let minimumColumns = 60
    public static let minimumRows = 16
    /// Rows outside the panels: status, metrics, two legend rows, keys.
    static let chromeRows = 5
    /// A panel's title, two borders and its x labels.
    static let panelOverhead = 4
    /// Room kept for y labels such as `-12.5`.
    public static let labelColumns = 6

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        let panelRows = max(rows - Self.chromeRows, 2 * Self.panelOverhead + 2)
        leftColumns = max(columns * 58 / 100, Self.labelColumns + 4)
        let rightColumns = max(columns - leftColumns - 2, Self.labelColumns + 4)
        let side = Self.labelColumns + 3
        main = (leftColumns - side, panelRows - Self.panelOverhead)
        let upper = panelRows / 2
        manifold = (rightColumns - side, max(upper - Self.panelOverhead, 1))
        losses = (rightColumns - side, max(panelRows - upper - Self.panelOverhead, 1))
    }

    public var isLargeEnough: Bool { columns >= Self.minimumColumns && rows >= Self.minimumRows }

    public static func == (a: LiveLayout, b: LiveLayout) -> Bool { a.columns == b.columns && a.rows == b.rows }
}

/// The live view as lines of terminal text: a pure function of a `LiveSnapshot`, a `LiveLayout`
/// and a `TerminalStyle`.
///
/// Every line is at most `layout.columns` cells wide (escape codes not counted) and there are
/// exactly `layout.rows` lines, so writing them from the top-left corner redraws the screen in
/// place. In `.plain` style the critic's value is drawn with the sparse ramp `" .:-="` and the
/// marks `+` (real), `o` (generated), `x` (the generator's noise grid) and `> ^ < v / \` (the
/// direction each arrow points) stay legible on top of it.
public enum LiveFrame {
    /// The glyph ramp of the critic in the live view: sparse, and free of the marks drawn on it.
    public static let glyphRamp = " .:-="
    public static let keys = "space pause  n one step  d/g freeze D/G  +/- steps per redraw  q quit"

    public static func lines(_ snapshot: LiveSnapshot, layout: LiveLayout, style: TerminalStyle) -> [String] {
        guard layout.isLargeEnough else {
            let message = ["live view: needs \(LiveLayout.minimumColumns)x\(LiveLayout.minimumRows),",
                           "this terminal is \(layout.columns)x\(layout.rows)", snapshot.status.joined(separator: "  ")]
            return fit(message.map { trimmingTrailingSpaces(clip($0, to: layout.columns)) }, rows: layout.rows)
        }
        var lines = [statusLine(snapshot.status, width: layout.columns), clip(snapshot.metrics, to: layout.columns)]
        let (main, manifold, losses) = panels(snapshot, layout: layout)
        let left = panel(main, style: style)
        let right = panel(manifold, style: style) + panel(losses, style: style)
        let panelRows = layout.rows - LiveLayout.chromeRows
        let rightColumns = layout.rightColumns
        for row in 0..<panelRows {
            let l = row < left.count ? clip(left[row], to: layout.leftColumns) : ""
            let r = row < right.count ? clip(right[row], to: rightColumns) : ""
            let padding = String(repeating: " ", count: layout.leftColumns - visibleWidth(l) + 2)
            lines.append(trimmingTrailingSpaces(r.isEmpty ? l : l + padding + r))
        }
        let legendLines = legend(main, width: layout.columns, style: style)
        lines += legendLines + Array(repeating: "", count: 2 - legendLines.count)
        lines.append(clip(keys, to: layout.columns))
        return fit(lines, rows: layout.rows)
    }

    /// The three figures: samples and arrows over the critic, the noise grid's image, the losses.
    static func panels(_ s: LiveSnapshot, layout: LiveLayout) -> (HeatMap, HeatMap, LineChart) {
        let main = mainFigure(s)
        var manifold = HeatMap(grid: s.manifoldField, title: "G's manifold: G(noise grid)", glyphRamp: glyphRamp)
        manifold.layers = [PointLayer(name: "real", points: s.real, glyph: "+")]
        manifold.curves = s.manifold
        manifold.curvesName = "G(noise grid)"
        let losses = LineChart(series: [LineSeries(name: "D loss", points: s.discriminatorLoss),
                                        LineSeries(name: "G loss", points: s.generatorLoss)],
                               title: "losses by step: * D, o G", xName: "",
                               width: layout.losses.width, height: layout.losses.height)
        return (main, manifold, losses)
    }

    /// Samples and arrows over the critic: the main panel.
    static func mainFigure(_ s: LiveSnapshot) -> HeatMap {
        var main = HeatMap(grid: s.critic, title: "samples over the critic's value", glyphRamp: glyphRamp,
                           overlay: s.generated, overlayName: "generated")
        main.layers = [PointLayer(name: "real", points: s.real, glyph: "+")]
        main.arrows = s.arrows
        main.arrowsName = "-dL_G/dx: where G's loss pushes a sample"
        main.valueName = "critic value"
        return main
    }

    /// The main panel alone, under the status line and over the legend: the small picture that
    /// `train --step` prints after each update (a discriminator update reshapes the field, a
    /// generator update moves the `o` along the arrows). Lines are at most `width` cells wide.
    public static func picture(_ snapshot: LiveSnapshot, width: Int, style: TerminalStyle) -> [String] {
        let main = mainFigure(snapshot)
        return [statusLine(snapshot.status, width: width)]
            + panel(main, style: style).map { clip($0, to: width) }
            + legend(main, width: width, style: style, manifold: false)
    }

    /// A panel's lines without its legend and notes (the view has one legend for all).
    private static func panel(_ figure: HeatMap, style: TerminalStyle) -> [String] {
        var (cells, frame) = figure.terminalParts(style: style)
        frame.legend = []
        frame.notes = []
        return frame.render(cells, style: style).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private static func panel(_ figure: LineChart, style: TerminalStyle) -> [String] {
        var (cells, frame) = figure.terminalParts(style: style)
        frame.legend = []
        frame.notes = []
        return frame.render(cells, style: style).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Status items joined by two spaces, leaving out from the end what does not fit.
    static func statusLine(_ items: [String], width: Int) -> String {
        var line = ""
        for item in items {
            let next = line.isEmpty ? item : line + "  " + item
            if next.count > width { break }
            line = next
        }
        return line.isEmpty ? clip(items.first ?? "", to: width) : line
    }

    /// The marks and the colour bar, entries wrapped onto two lines at most.
    static func legend(_ main: HeatMap, width: Int, style: TerminalStyle, manifold: Bool = true) -> [String] {
        let entries: [[TerminalCell]] = [
            LegendEntry(glyph: "+", foreground: nil, text: "real").cells,
            LegendEntry(glyph: "o", foreground: nil, text: "generated").cells,
            LegendEntry.plain("> ^ < v / \\ -dL_G/dx (G's push)"),
        ] + (manifold ? [LegendEntry(glyph: "x", foreground: nil, text: "G(noise grid)").cells] : []) + [
            main.colorBar(style: style),
        ]
        var lines: [[TerminalCell]] = [[]]
        for entry in entries {
            let gap = lines[lines.count - 1].isEmpty ? 0 : 3
            if lines[lines.count - 1].count + gap + entry.count > width && !lines[lines.count - 1].isEmpty {
                lines.append([])
            }
            if !lines[lines.count - 1].isEmpty { lines[lines.count - 1] += LegendEntry.plain("   ") }
            lines[lines.count - 1] += entry
        }
        return lines.prefix(2).map { cells in
            clip(cells.map { style.paint(String($0.glyph), foreground: $0.foreground, background: $0.background) }.joined(),
                 to: width)
        }
    }

    /// Exactly `rows` lines: cut below, blank lines added.
    static func fit(_ lines: [String], rows: Int) -> [String] {
        Array(lines.prefix(rows)) + Array(repeating: "", count: max(0, rows - lines.count))
    }

    /// `text` cut to `width` visible cells; escape codes are kept, and a cut inside colour ends
    /// with a reset so colour never leaks past the cut.
    public static func clip(_ text: String, to width: Int) -> String {
        guard visibleWidth(text) > width else { return text }
        var out = ""
        var count = 0
        var inEscape = false
        for character in text {
            if inEscape {
                out.append(character)
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
                out.append(character)
            } else {
                guard count < width else { break }
                out.append(character)
                count += 1
            }
        }
        return out.contains("\u{1B}") ? out + TerminalStyle.reset : out
    }
}

extension LiveLayout {
    /// Columns of the right block.
    public var rightColumns: Int { columns - leftColumns - 2 }
}
