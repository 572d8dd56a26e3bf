import Testing
@testable import Plots

@Suite("HeatMap in the terminal")
struct HeatMapTests {
    @Test("The highest cell shows the last glyph of the ramp and the lowest the first", arguments: 0..<20)
    func extremesShowEndGlyphs(seed: UInt64) throws {
        var rng = TestGenerator(seed: seed)
        let columns = rng.int(3...40), rows = rng.int(3...20)
        let values = (0..<(columns * rows)).map { _ in rng.uniform(-5...5) }
        let grid = ScalarGrid(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: columns, rows: rows, values: values)
        let area = try #require(dataArea(of: HeatMap(grid: grid).render(style: .plain)), "seed \(seed)")
        let highest = values.indices.max { values[$0] < values[$1] }!
        let lowest = values.indices.min { values[$0] < values[$1] }!
        #expect(area[highest / columns][highest % columns] == "@", "seed \(seed)")
        #expect(area[lowest / columns][lowest % columns] == " ", "seed \(seed)")
    }

    @Test("Glyph levels follow level = min(floor(t * n), n - 1) with t the position on the scale")
    func glyphLevels() {
        let grid = ScalarGrid(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 2, rows: 1, values: [0, 10])
        let map = HeatMap(grid: grid)      // scale [0, 10], ten glyphs " .:-=+*#%@"
        #expect(map.glyph(for: 0) == " ")
        #expect(map.glyph(for: 0.99) == " ")
        #expect(map.glyph(for: 1.01) == ".")
        #expect(map.glyph(for: 5.5) == "+")
        #expect(map.glyph(for: 9.99) == "@")
        #expect(map.glyph(for: 10) == "@")
        #expect(map.glyph(for: .nan) == "?")
    }

    @Test("A field is sampled at cell centres: f(x, y) = x reproduces each column's centre")
    func samplesAtCellCentres() {
        let grid = ScalarGrid(xRange: AxisRange(-2, 2), yRange: AxisRange(0, 3), columns: 8, rows: 6) { x, y in x + 100 * y }
        for row in 0..<6 {
            for column in 0..<8 {
                let x = -2 + (Double(column) + 0.5) * 4 / 8
                let y = 3 - (Double(row) + 0.5) * 3 / 6           // row 0 at the top
                #expect(abs(grid[row, column] - (x + 100 * y)) < 1e-12, "row \(row), column \(column)")
            }
        }
    }

    @Test("An overlay point is drawn in the cell that contains it")
    func overlayLandsInItsCell() throws {
        // 10 x 5 cells over [0, 10] x [0, 5]: (3.5, 1.5) is column 3, row floor((5 - 1.5) / 5 * 5) = 3.
        let map = HeatMap(xRange: AxisRange(0, 10), yRange: AxisRange(0, 5), columns: 10, rows: 5,
                          overlay: [PlotPoint(x: 3.5, y: 1.5), PlotPoint(x: 50, y: 1), PlotPoint(x: .nan, y: 0)]) { x, _ in x }
        let text = map.render(style: .plain)
        let area = try #require(dataArea(of: text))
        #expect(cells(of: "o", in: area) == [Cell(row: 3, column: 3)])
        #expect(text.contains("samples (1)"))
        #expect(text.contains("samples: skipped 1 non-finite, 1 outside the axes"))
    }

    @Test("The colour bar is titled with what the value is and shows the ramp between the minimum and the maximum")
    func scaleLine() {
        let grid = ScalarGrid(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 2, rows: 2, values: [-1.5, 0, 1, 2.5])
        #expect(HeatMap(grid: grid).render(style: .plain).contains("value -1.50 [ .:-=+*#%@] 2.50"))
        var named = HeatMap(grid: grid)
        named.valueName = "critic value"
        #expect(named.render(style: .plain).contains("critic value -1.50 [ .:-=+*#%@] 2.50"))
        #expect(SVGSummary(named.svg()).texts.contains("critic value: -1.50 .. 2.50"))
    }

    @Test("Plain style writes no escape byte; colour style paints cells with background colours")
    func colourOnlyWhenAsked() {
        let map = HeatMap(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: 12, rows: 6) { x, y in x * y }
        #expect(!map.render(style: .plain).utf8.contains(escapeByte))
        #expect(map.render(style: .ansi256).contains("\u{1B}[48;5;"))
    }

    @Test("A constant field shows the middle glyph everywhere and says it is constant")
    func constantField() throws {
        let map = HeatMap(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 6, rows: 3) { _, _ in 5 }
        let text = map.render(style: .plain)
        let area = try #require(dataArea(of: text))
        // Padded scale [4.5, 5.5]: t = 0.5, level floor(0.5 * 10) = 5, the glyph "+".
        #expect(area.allSatisfy { $0.allSatisfy { $0 == "+" } })
        #expect(text.contains("constant field"))
    }

    @Test("NaN and infinite cells show the missing glyph, do not set the scale, and are counted")
    func nonFiniteCells() throws {
        let grid = ScalarGrid(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 3, rows: 1,
                              values: [0, .nan, .infinity])
        let map = HeatMap(grid: grid)
        let text = map.render(style: .plain)
        let area = try #require(dataArea(of: text))
        // The only finite value, 0, sets the scale: padded to [-1, 1], so 0 sits mid-ramp at "+".
        #expect(map.scale == AxisRange(-1, 1))
        #expect(area == [["+", "?", "?"]])
        #expect(text.contains("2 non-finite cells shown as ?"))
        _ = map.render(style: .ansi256)
        _ = map.svg()
    }

    @Test("A fixed value range clamps values beyond it to the end glyphs and counts them")
    func fixedScaleClamps() throws {
        let grid = ScalarGrid(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 3, rows: 1, values: [-7, 0.5, 9])
        let text = HeatMap(grid: grid, valueRange: AxisRange(0, 1)).render(style: .plain)
        let area = try #require(dataArea(of: text))
        #expect(area == [[" ", "+", "@"]])
        #expect(text.contains("2 cells beyond the fixed scale"))
    }
}
