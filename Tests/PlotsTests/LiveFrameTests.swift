import Testing
@testable import Plots

@Suite("The live view's frame, composed from fixed values")
struct LiveFrameTests {
    /// A known state: the field x + y on [-1, 1]^2, one real point, one generated point, one
    /// arrow pointing east, one manifold line along the diagonal, two short loss curves.
    static func snapshot(_ layout: LiveLayout) -> LiveSnapshot {
        let field = { (columns: Int, rows: Int) in
            ScalarGrid(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: columns, rows: rows) { x, y in x + y }
        }
        return LiveSnapshot(
            status: ["gan on ring8", "step 120/2000", "running", "D frozen"], metrics: "modes 3/8  hq 12.5%  W1 0.456",
            critic: field(layout.main.width, layout.main.height),
            manifoldField: field(layout.manifold.width, layout.manifold.height),
            real: [PlotPoint(x: 0.9, y: 0.9)], generated: [PlotPoint(x: -0.5, y: 0)],
            arrows: [Arrow(from: PlotPoint(x: 0.5, y: -0.5), to: PlotPoint(x: 0.7, y: -0.5))],
            manifold: [[PlotPoint(x: -0.9, y: -0.9), PlotPoint(x: 0.9, y: 0.9)]],
            discriminatorLoss: [PlotPoint(x: 1, y: 1.4), PlotPoint(x: 2, y: 1.2), PlotPoint(x: 3, y: 1.3)],
            generatorLoss: [PlotPoint(x: 1, y: 0.7), PlotPoint(x: 2, y: 0.9), PlotPoint(x: 3, y: 0.8)])
    }

    /// The main panel's data area: the left block of the frame, read like any terminal figure.
    static func mainArea(_ lines: [String], _ layout: LiveLayout) -> [[Character]]? {
        dataArea(of: lines.map { trimmed(String($0.prefix(layout.leftColumns))) }.joined(separator: "\n"))
    }

    static func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    @Test("A known state gives a known frame: each mark in the cell its coordinates name, the field's ramp under them")
    func knownFrame() throws {
        let layout = LiveLayout(columns: 80, rows: 24)
        #expect(layout.main.width == 37 && layout.main.height == 15 && layout.leftColumns == 46)
        let lines = LiveFrame.lines(Self.snapshot(layout), layout: layout, style: .plain)
        #expect(lines[0] == "gan on ring8  step 120/2000  running  D frozen")
        #expect(lines[1] == "modes 3/8  hq 12.5%  W1 0.456")
        #expect(lines[2].hasPrefix("samples over the critic's value") && lines[2].contains("G's manifold: G(noise grid)"))
        let area = try #require(Self.mainArea(lines, layout))
        #expect(area.count == 15 && area.allSatisfy { $0.count == 37 })
        // column = floor((x + 1) / 2 * 37), row = 14 - floor((y + 1) / 2 * 15)
        #expect(cells(of: "+", in: area) == [Cell(row: 0, column: 35)])
        #expect(cells(of: "o", in: area) == [Cell(row: 7, column: 9)])
        #expect(cells(of: ">", in: area) == [Cell(row: 11, column: 27)])
        #expect(area[14][0] == " ", "lowest value, first glyph of \" .:-=\"")
        #expect(area[0][36] == "=", "highest value, last glyph")
        #expect(lines.contains { $0.contains("+ real   o generated") })
        #expect(lines.contains { $0.contains("critic value -2.0 [ .:-=] 2.0") || $0.contains("critic value -1.9") })
        #expect(lines[23] == LiveFrame.keys)
    }

    @Test("Every size gives exactly as many lines as rows, none wider than the terminal", arguments: [
        (80, 24), (160, 50), (60, 16), (100, 30), (61, 17), (250, 70), (40, 10), (20, 5),
    ])
    func fits(size: (Int, Int)) {
        let layout = LiveLayout(columns: size.0, rows: size.1)
        for style in [TerminalStyle.plain, .ansi256] {
            let lines = LiveFrame.lines(Self.snapshot(layout), layout: layout, style: style)
            #expect(lines.count == size.1, "\(size) \(style)")
            let widest = lines.map(visibleWidth).max() ?? 0
            #expect(widest <= size.0, "\(size) \(style): a line of \(widest) cells")
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "\(size) \(style): trailing spaces")
        }
    }

    @Test("Below the smallest size the frame says what size it needs")
    func tooSmall() {
        let layout = LiveLayout(columns: 50, rows: 12)
        let lines = LiveFrame.lines(Self.snapshot(layout), layout: layout, style: .plain)
        #expect(lines[0] == "live view: needs 60x16," && lines[1] == "this terminal is 50x12")
    }

    @Test("Without colour (NO_COLOR) the frame has no escape byte; with colour, the field is painted")
    func monochrome() {
        let layout = LiveLayout(columns: 80, rows: 24)
        let plain = LiveFrame.lines(Self.snapshot(layout), layout: layout, style: .plain).joined()
        let color = LiveFrame.lines(Self.snapshot(layout), layout: layout, style: .ansi256).joined()
        #expect(!plain.utf8.contains(escapeByte))
        #expect(color.contains("\u{1B}[48;5;"))
    }

    @Test("Status items that do not fit are left out from the end, never cut in the middle")
    func statusFits() {
        let items = ["gan on ring8", "step 1/10", "running", "a very long item that will not fit"]
        #expect(LiveFrame.statusLine(items, width: 40) == "gan on ring8  step 1/10  running")
        #expect(LiveFrame.statusLine(items, width: 5) == "gan o")
    }

    @Test("Clipping counts visible cells only and closes an open colour", arguments: 0..<20)
    func clipping(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        var text = ""
        for _ in 0..<rng.int(1...30) {
            text += rng.int(0...1) == 0 ? "\u{1B}[38;5;\(rng.int(16...231))m" : String(repeating: "x", count: rng.int(1...5))
        }
        let width = rng.int(0...40)
        let cut = LiveFrame.clip(text, to: width)
        #expect(visibleWidth(cut) == min(width, visibleWidth(text)), "seed \(seed)")
        if visibleWidth(text) > width && cut.contains("\u{1B}") { #expect(cut.hasSuffix(TerminalStyle.reset), "seed \(seed)") }
    }
}
