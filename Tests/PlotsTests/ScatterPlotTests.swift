import Testing
@testable import Plots

@Suite("ScatterPlot in the terminal")
struct ScatterPlotTests {
    @Test("The example in the ScatterPlot documentation renders exactly as documented")
    func documentedExample() {
        // Derived by hand: x in [0, 4] over 5 columns and y in [0, 2] over 3 rows put (0, 0) at
        // row 2, column 0; (4, 2) at row 0, column 4; (2, 1) at row floor(0.5 * 3) = 1, column 2.
        // Labels have ceil(-log10(span / cells)) = 1 decimal.
        let plot = ScatterPlot(real: [PlotPoint(x: 0, y: 0), PlotPoint(x: 4, y: 2)],
                               generated: [PlotPoint(x: 2, y: 1)], width: 5, height: 3)
        let expected = """
                +-----+
            2.0 |    .|
            1.0 |  o  |
            0.0 |.    |
                +-----+
                 0.0 4.0
                 . real (2)   o generated (1)   @ both
            """
        #expect(plot.render(style: .plain) == expected)
    }

    @Test("A point at the centre of cell (r, c) is drawn in cell (r, c) and nowhere else", arguments: 0..<25)
    func pointLandsInExpectedCell(seed: UInt64) throws {
        var rng = TestGenerator(seed: seed)
        let width = rng.int(8...80), height = rng.int(4...30)
        let x = AxisRange(rng.uniform(-10...0), rng.uniform(0.5...10))
        let y = AxisRange(rng.uniform(-10...0), rng.uniform(0.5...10))
        let row = rng.int(0...(height - 1)), column = rng.int(0...(width - 1))
        // Centre of the cell, from the binning formula: columns from x.lower, rows from y.upper.
        let point = PlotPoint(x: x.lower + (Double(column) + 0.5) * x.span / Double(width),
                              y: y.upper - (Double(row) + 0.5) * y.span / Double(height))
        let plot = ScatterPlot(series: [ScatterSeries(name: "real", points: [point])],
                               width: width, height: height, xRange: x, yRange: y)
        let area = try #require(dataArea(of: plot.render(style: .plain)), "seed \(seed)")
        #expect(area.count == height && area.allSatisfy { $0.count == width }, "seed \(seed)")
        #expect(cells(of: ".", in: area) == [Cell(row: row, column: column)], "seed \(seed)")
    }

    @Test("The corners of the data's bounding box land in the corner cells", arguments: 0..<10)
    func cornersMapToCorners(seed: UInt64) throws {
        var rng = TestGenerator(seed: seed)
        let (x0, x1) = (rng.uniform(-50...0), rng.uniform(1...50))
        let (y0, y1) = (rng.uniform(-50...0), rng.uniform(1...50))
        // Interior points well inside so the corners alone set the fitted ranges.
        var points = randomPoints(30, x: (x0 + 0.3 * (x1 - x0))...(x1 - 0.3 * (x1 - x0)),
                                  y: (y0 + 0.3 * (y1 - y0))...(y1 - 0.3 * (y1 - y0)), using: &rng)
        let corners = [PlotPoint(x: x0, y: y1), PlotPoint(x: x1, y: y1), PlotPoint(x: x0, y: y0), PlotPoint(x: x1, y: y0)]
        points += corners
        let plot = ScatterPlot(series: [ScatterSeries(name: "interior", points: Array(points.dropLast(4))),
                                        ScatterSeries(name: "corners", points: corners, glyph: "C")],
                               width: 40, height: 15)
        let area = try #require(dataArea(of: plot.render(style: .plain)), "seed \(seed)")
        #expect(cells(of: "C", in: area) == [Cell(row: 0, column: 0), Cell(row: 0, column: 39),
                                             Cell(row: 14, column: 0), Cell(row: 14, column: 39)], "seed \(seed)")
    }

    @Test("A cell holding real and generated points shows the overlap glyph; others show their own")
    func overlapGlyph() throws {
        let real = [PlotPoint(x: 0, y: 0), PlotPoint(x: 10, y: 10), PlotPoint(x: 5, y: 5)]
        let generated = [PlotPoint(x: 5.01, y: 5.01), PlotPoint(x: 10, y: 0)]
        let plot = ScatterPlot(real: real, generated: generated, width: 11, height: 11)
        let area = try #require(dataArea(of: plot.render(style: .plain)))
        // Range [0, 10] in 11 cells: v lands in floor(v / 10 * 11), the last cell holding 10.
        #expect(cells(of: "@", in: area) == [Cell(row: 5, column: 5)])
        #expect(cells(of: ".", in: area) == [Cell(row: 0, column: 10), Cell(row: 10, column: 0)])
        #expect(cells(of: "o", in: area) == [Cell(row: 10, column: 10)])
    }

    @Test("The legend names each series with its glyph and count, and the overlap glyph")
    func legend() {
        let plot = ScatterPlot(real: [PlotPoint(x: 0, y: 0), PlotPoint(x: 1, y: 1)], generated: [PlotPoint(x: 0.5, y: 0.2)])
        let text = plot.render(style: .plain)
        #expect(text.contains(". real (2)"))
        #expect(text.contains("o generated (1)"))
        #expect(text.contains("@ both"))
    }

    @Test("Plain style writes no escape byte; colour style writes some, and the same glyphs")
    func colourOnlyWhenAsked() throws {
        var rng = TestGenerator(seed: 7)
        let plot = ScatterPlot(real: randomPoints(50, x: -1...1, y: -1...1, using: &rng),
                               generated: randomPoints(50, x: -1...1, y: -1...1, using: &rng))
        let plain = plot.render(style: .plain)
        let colour = plot.render(style: .ansi256)
        #expect(!plain.utf8.contains(escapeByte))
        #expect(colour.utf8.contains(escapeByte))
        // Removing the escape sequences from the colour rendering gives the plain one.
        #expect(strippingEscapes(colour) == plain)
    }

    @Test("NaN and infinite points are skipped, counted, and reported under the legend")
    func nonFinitePointsAreCounted() throws {
        let points = [PlotPoint(x: 0, y: 0), PlotPoint(x: .nan, y: 1), PlotPoint(x: 1, y: .infinity),
                      PlotPoint(x: 1, y: 1), PlotPoint(x: -.infinity, y: .nan)]
        let plot = ScatterPlot(series: [ScatterSeries(name: "generated", points: points)], width: 10, height: 5)
        #expect(plot.pointCounts() == [PointCounts(plotted: 2, nonFinite: 3, outside: 0)])
        let text = plot.render(style: .plain)
        #expect(text.contains("generated: skipped 3 non-finite"))
        let area = try #require(dataArea(of: text))
        #expect(cells(of: ".", in: area).count == 2)
    }

    @Test("Points outside fixed axes are skipped and counted")
    func outsidePointsAreCounted() {
        let plot = ScatterPlot(series: [ScatterSeries(name: "real", points: [PlotPoint(x: 0, y: 0), PlotPoint(x: 5, y: 0)])],
                               xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1))
        #expect(plot.pointCounts() == [PointCounts(plotted: 1, nonFinite: 0, outside: 1)])
        #expect(plot.render(style: .plain).contains("real: skipped 1 outside the axes"))
    }

    @Test("Edge cases draw without trapping: no series, empty series, one point, identical points, huge range")
    func edgeCases() throws {
        let empty = ScatterPlot(series: [])
        #expect(dataArea(of: empty.render(style: .plain))?.count == 24)
        let emptySeries = ScatterPlot(real: [], generated: [])
        #expect(emptySeries.render(style: .plain).contains("real (0)"))

        // One point, or many identical ones: the padded range centres them, in cell floor(n / 2).
        for points in [[PlotPoint(x: 3, y: -7)], Array(repeating: PlotPoint(x: 3, y: -7), count: 100)] {
            let plot = ScatterPlot(series: [ScatterSeries(name: "p", points: points)], width: 21, height: 9)
            let area = try #require(dataArea(of: plot.render(style: .plain)))
            #expect(cells(of: ".", in: area) == [Cell(row: 4, column: 10)])
        }

        let big = Double.greatestFiniteMagnitude
        let huge = ScatterPlot(series: [ScatterSeries(name: "p", points: [PlotPoint(x: -big, y: -big), PlotPoint(x: big, y: big)])],
                               width: 10, height: 5)
        let area = try #require(dataArea(of: huge.render(style: .plain)))
        #expect(cells(of: ".", in: area) == [Cell(row: 0, column: 9), Cell(row: 4, column: 0)])
        _ = huge.svg()
    }

    @Test("Equal aspect widens the narrower range so one data unit is as long across as down")
    func equalAspect() {
        let points = [PlotPoint(x: -1, y: -1), PlotPoint(x: 1, y: 1)]
        let plot = ScatterPlot(series: [ScatterSeries(name: "p", points: points)], width: 40, height: 10,
                               equalAspect: true, cellAspect: 2)
        let (x, y) = plot.terminalAxes
        // The screen is 40 wide and 10 x 2 = 20 tall, so the 2 x 2 data box must widen along x to 4.
        #expect(y == AxisRange(-1, 1))
        #expect(abs(x.span - 4) < 1e-12)
        #expect(abs(x.middle) < 1e-12)
    }

    @Test("Braille marks set the dot of the point's sub-cell: dot k is bit k - 1 of U+2800 + bits")
    func brailleDots() throws {
        // Range [0, 4] x [0, 4] in 2 x 1 cells = 4 x 4 dots; (0.5, 3.5) is dot column 0, dot row 0
        // (dot 1), (3.5, 0.5) is dot column 3 -> cell 1, right column; dot row 3 -> dot 8.
        let points = [PlotPoint(x: 0.5, y: 3.5), PlotPoint(x: 3.5, y: 0.5), PlotPoint(x: 0, y: 4), PlotPoint(x: 4, y: 0)]
        let plot = ScatterPlot(series: [ScatterSeries(name: "p", points: points)], width: 2, height: 1, marks: .braille)
        let area = try #require(dataArea(of: plot.render(style: .plain)))
        #expect(area == [["\u{2801}", "\u{2880}"]])
        #expect(ScatterPlot.brailleBit(column: 0, row: 0) == 0x01)
        #expect(ScatterPlot.brailleBit(column: 1, row: 2) == 0x20)
        #expect(ScatterPlot.brailleBit(column: 0, row: 3) == 0x40)
    }

    @Test("Rendering is deterministic: the same plot gives the same text")
    func deterministic() {
        var a = TestGenerator(seed: 3), b = TestGenerator(seed: 3)
        let first = ScatterPlot(real: randomPoints(200, x: -2...2, y: -2...2, using: &a), generated: [])
        let second = ScatterPlot(real: randomPoints(200, x: -2...2, y: -2...2, using: &b), generated: [])
        #expect(first.render(style: .ansi256) == second.render(style: .ansi256))
    }
}

/// `text` without its `ESC [ ... m` sequences.
func strippingEscapes(_ text: String) -> String {
    var out = ""
    var inEscape = false
    for character in text {
        if inEscape {
            if character == "m" { inEscape = false }
        } else if character == "\u{1B}" {
            inEscape = true
        } else {
            out.append(character)
        }
    }
    return out
}
