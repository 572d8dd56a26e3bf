import Testing
@testable import Plots

@Suite("LineChart in the terminal")
struct LineChartTests {
    /// The row of the single cell holding `glyph`, or nil if there is not exactly one.
    private func onlyRow(of glyph: Character, in area: [[Character]]) -> Int? {
        let found = cells(of: glyph, in: area)
        return found.count == 1 ? found[0].row : nil
    }

    @Test("On a log scale 1, 10 and 100 sit on equally spaced rows", arguments: 0..<10)
    func logScaleSpacesDecadesEqually(seed: UInt64) throws {
        var rng = TestGenerator(seed: seed)
        let k = rng.int(2...15)
        let height = 2 * k + 1
        // One single-point series per value, so no connecting segment can add cells.
        let chart = LineChart(series: [LineSeries(name: "one", points: [PlotPoint(x: 0, y: 1)], glyph: "a"),
                                       LineSeries(name: "ten", points: [PlotPoint(x: 1, y: 10)], glyph: "b"),
                                       LineSeries(name: "hundred", points: [PlotPoint(x: 2, y: 100)], glyph: "c")],
                              height: height, yScale: .log10())
        let area = try #require(dataArea(of: chart.render(style: .plain)), "seed \(seed)")
        // log10 range [0, 2] on 2k + 1 rows: row = min(floor((2 - v) / 2 * (2k + 1)), 2k).
        #expect(onlyRow(of: "c", in: area) == 0, "seed \(seed)")
        #expect(onlyRow(of: "b", in: area) == k, "seed \(seed)")
        #expect(onlyRow(of: "a", in: area) == 2 * k, "seed \(seed)")
    }

    @Test("On a linear scale a value lands on the row the binning formula gives", arguments: 0..<20)
    func linearRows(seed: UInt64) throws {
        var rng = TestGenerator(seed: seed)
        let height = rng.int(4...30)
        let row = rng.int(0...(height - 1))
        let y = AxisRange(-3, 5)
        let value = y.upper - (Double(row) + 0.5) * y.span / Double(height)
        let chart = LineChart(series: [LineSeries(name: "loss", points: [PlotPoint(x: 0, y: value)], glyph: "L")],
                              height: height, yRange: y)
        let area = try #require(dataArea(of: chart.render(style: .plain)), "seed \(seed)")
        #expect(onlyRow(of: "L", in: area) == row, "seed \(seed)")
    }

    @Test("Zero and negative values on a log scale draw at the floor without trapping, and are counted")
    func nonPositiveOnLogScale() throws {
        let values: [Double] = [100, 10, 0, -5, 1, 0.1, .nan, -.infinity]
        let chart = LineChart(series: [LineSeries(name: "grad", values: values, glyph: "g")], width: 16, height: 7,
                              yScale: .log10())
        #expect(chart.logFloor == 0.1)                     // the smallest positive value
        let text = chart.render(style: .plain)
        #expect(text.contains("2 values < 0.1 (or <= 0) drawn at the log floor"))
        #expect(text.contains("grad: skipped 2 non-finite"))
        let area = try #require(dataArea(of: text))
        // The clipped values sit on the bottom row, with the floor value itself.
        #expect(area[6].contains("g"))

        let explicit = LineChart(series: [LineSeries(name: "grad", values: [0, -1, 1e-9, 1])], yScale: .log10(floor: 1e-6))
        #expect(explicit.logFloor == 1e-6)
        #expect(explicit.render(style: .plain).contains("3 values < 1e-06"))
        let single = LineChart(series: [LineSeries(name: "grad", values: [2, 0])], yScale: .log10())
        #expect(single.render(style: .plain).contains("1 value < 2 "))

        let allNonPositive = LineChart(series: [LineSeries(name: "zero", values: [0, 0, -1])], yScale: .log10())
        #expect(allNonPositive.logFloor == 1)
        _ = allNonPositive.render(style: .plain)
        _ = allNonPositive.svg()
    }

    @Test("A NaN breaks the curve: no cell is drawn between the points around it")
    func nanBreaksTheLine() throws {
        let broken = LineChart(series: [LineSeries(name: "s", values: [0, .nan, 0], glyph: "s")], width: 21, height: 3,
                               yRange: AxisRange(-1, 1))
        let joined = LineChart(series: [LineSeries(name: "s", values: [0, 0, 0], glyph: "s")], width: 21, height: 3,
                               yRange: AxisRange(-1, 1))
        let brokenArea = try #require(dataArea(of: broken.render(style: .plain)))
        let joinedArea = try #require(dataArea(of: joined.render(style: .plain)))
        #expect(cells(of: "s", in: joinedArea).count == 21)
        #expect(cells(of: "s", in: brokenArea) == [Cell(row: 1, column: 0), Cell(row: 1, column: 20)])
    }

    @Test("Two series through the same cells show the overlap glyph there")
    func overlap() throws {
        let chart = LineChart(series: [LineSeries(name: "D", values: [0, 1, 2]), LineSeries(name: "G", values: [0, 5, 2])],
                              width: 11, height: 6)
        let area = try #require(dataArea(of: chart.render(style: .plain)))
        // Both start at (0, 0) and end at (2, 2): bottom-left and the cell of y = 2 in the last column.
        let endRow = try #require(AxisRange(0, 5).row(of: 2, count: 6))
        #expect(area[5][0] == "@")
        #expect(area[endRow][10] == "@")
        #expect(!cells(of: "*", in: area).isEmpty && !cells(of: "o", in: area).isEmpty)
    }

    @Test("Segments are drawn as connected cells from one end to the other", arguments: 0..<30)
    func segmentsAreConnected(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let start = (column: rng.int(0...60), row: rng.int(0...30))
        let end = (column: rng.int(0...60), row: rng.int(0...30))
        let cells = LineChart.cellsOnLine(from: start, to: end)
        #expect(cells.first! == (start.column, start.row) && cells.last! == (end.column, end.row), "seed \(seed)")
        #expect(cells.count == max(abs(end.column - start.column), abs(end.row - start.row)) + 1, "seed \(seed)")
        for (a, b) in zip(cells, cells.dropFirst()) {
            #expect(abs(a.0 - b.0) <= 1 && abs(a.1 - b.1) <= 1, "seed \(seed): gap between \(a) and \(b)")
        }
    }

    @Test("Edge cases draw without trapping: no series, empty, one value, constant, huge values")
    func edgeCases() throws {
        for chart in [LineChart(series: []),
                      LineChart(series: [LineSeries(name: "e", values: [])]),
                      LineChart(series: [LineSeries(name: "one", values: [3])]),
                      LineChart(series: [LineSeries(name: "flat", values: Array(repeating: 2, count: 50))]),
                      LineChart(series: [LineSeries(name: "huge", values: [-1e308, 1e308, -1e308])]),
                      LineChart(series: [LineSeries(name: "huge", values: [1e-300, 1e300])], yScale: .log10())] {
            let area = try #require(dataArea(of: chart.render(style: .plain)))
            #expect(area.count == 16)
            #expect(SVGSummary(chart.svg()).parsed)
        }
    }

    @Test("Plain style writes no escape byte; colour style writes some")
    func colourOnlyWhenAsked() {
        let chart = LineChart(series: [LineSeries(name: "D", values: [3, 2, 1]), LineSeries(name: "G", values: [1, 2, 3])])
        #expect(!chart.render(style: .plain).utf8.contains(escapeByte))
        #expect(chart.render(style: .ansi256).utf8.contains(escapeByte))
    }
}
