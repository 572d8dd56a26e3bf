import Testing
@testable import Plots

@Suite("Legends and names a learner can read")
struct LegendTests {
    @Test("A scatter's legend shows circles, the mark it plots, and no squares")
    func circleSwatches() {
        let plot = ScatterPlot(real: [PlotPoint(x: 0, y: 0)], generated: [PlotPoint(x: 1, y: 1)])
        let svg = SVGSummary(plot.svg())
        #expect(svg.legendCounts["circle"] == 2)
        #expect(svg.legendCounts["rect", default: 0] == 0)
    }

    @Test("The manifold's white stroke is shown on the ramp's darkest colour, not on the white page")
    func manifoldSwatch() throws {
        var map = HeatMap(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: 4, rows: 3) { x, _ in x }
        map.curves = [[PlotPoint(x: -0.5, y: 0), PlotPoint(x: 0.5, y: 0)]]
        map.curvesName = "G(noise grid)"
        let text = map.svg()
        let legend = try #require(text.range(of: "<g class=\"legend\">")).upperBound
        let rest = String(text[legend...])
        let swatch = try #require(rest.range(of: "fill=\"\(ColorRamp.viridis.color(at: 0).hex)\""))
        let stroke = try #require(rest.range(of: "stroke=\"#ffffff\""))
        #expect(swatch.lowerBound < stroke.lowerBound, "the dark square is drawn before the white stroke")
    }

    @Test("No two of the first 36 line series share both colour and dash (the Dirac-GAN has 8)")
    func distinctLineStyles() {
        let chart = LineChart(series: (0..<36).map { LineSeries(name: "s\($0)", values: [Double($0), 1]) })
        let styles = Set((0..<36).map { "\(chart.color($0).hex) \(chart.dash($0))" })
        #expect(styles.count == 36)
        // Series 6 and 7 repeat the colours of 0 and 1 and must differ from them in dash.
        #expect(chart.dash(6) != chart.dash(0) && chart.dash(7) != chart.dash(1))
    }

    @Test("A long legend wraps into rows that stay inside the panel, and the plot area makes room", arguments: 0..<10)
    func legendWraps(seed: UInt64) {
        var rng = TestGenerator(seed: seed)
        let names = (0..<rng.int(2...12)).map { i in "series \(i) " + String(repeating: "n", count: rng.int(1...25)) }
        var panel = SVGPanel(title: "t", xName: "x", yName: "y")
        let width = Double(rng.int(240...640))
        let before = panel.plotArea(width: width, height: 400).height
        panel.legend = names.map { SVGLegendEntry(swatch: .line(.black, dash: []), text: $0) }
        let rows = panel.legendRows(from: 74, width: width)
        #expect(rows.flatMap { $0 }.map(\.text) == names, "seed \(seed)")
        for row in rows where row.count > 1 {
            let right = 74 + row.map { 24 + 6.2 * Double($0.text.count) }.reduce(0, +) + 18 * Double(row.count - 1)
            #expect(right <= width, "seed \(seed): a row reaches \(right) in a panel \(width) wide")
        }
        #expect(panel.plotArea(width: width, height: 400).height == before - 20 * Double(rows.count), "seed \(seed)")
    }

    @Test("Curves and arrows through points far outside the frame draw without trapping", arguments: [1e30, 1e300, Double.greatestFiniteMagnitude])
    func farCurves(far: Double) {
        var map = HeatMap(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: 8, rows: 4) { x, _ in x }
        map.curves = [[PlotPoint(x: -far, y: 0), PlotPoint(x: 0, y: 0), PlotPoint(x: far, y: -far)]]
        map.arrows = [Arrow(from: PlotPoint(x: 0.5, y: 0.5), to: PlotPoint(x: far, y: far))]
        let area = dataArea(of: map.render(style: .plain)) ?? []
        #expect(!cells(of: "x", in: area).isEmpty && cells(of: "/", in: area).count == 1, "far \(far)")
    }

    @Test("Point layers are drawn under the overlay with their own glyph, counted in the legend and drawn in the SVG")
    func layers() throws {
        let grid = ScalarGrid(xRange: AxisRange(0, 4), yRange: AxisRange(0, 2), columns: 4, rows: 2) { _, _ in 0 }
        var map = HeatMap(grid: grid, glyphRamp: " .", overlay: [PlotPoint(x: 0.5, y: 0.5)], overlayName: "generated")
        map.layers = [PointLayer(name: "real", points: [PlotPoint(x: 0.5, y: 0.5), PlotPoint(x: 3.5, y: 1.5), PlotPoint(x: 9, y: 0)])]
        let text = map.render(style: .plain)
        let area = try #require(dataArea(of: text))
        #expect(cells(of: "+", in: area) == [Cell(row: 0, column: 3)])
        #expect(cells(of: "o", in: area) == [Cell(row: 1, column: 0)], "the overlay wins a shared cell")
        #expect(text.contains("+ real (2)") && text.contains("real: skipped 1 outside the axes"))
        #expect(SVGSummary(map.svg()).plotCount("circle") == 3)
    }
}
