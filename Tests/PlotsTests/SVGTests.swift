import Testing
@testable import Plots

@Suite("SVG output of every figure")
struct SVGTests {
    static func sampleScatter(seed: UInt64) -> ScatterPlot {
        var rng = TestGenerator(seed: seed)
        var generated = randomPoints(rng.int(0...80), x: -2...2, y: -2...2, using: &rng)
        generated += [PlotPoint(x: .nan, y: 0), PlotPoint(x: 9, y: 0)]
        return ScatterPlot(real: randomPoints(rng.int(1...80), x: -2...2, y: -2...2, using: &rng), generated: generated,
                           title: "seed \(seed)", xRange: AxisRange(-2, 2), yRange: AxisRange(-2, 2), equalAspect: true)
    }

    @Test("A scatter SVG parses and holds one circle per plotted point", arguments: 0..<10)
    func scatterCirclesMatchPoints(seed: UInt64) throws {
        let plot = Self.sampleScatter(seed: seed)
        let svg = SVGSummary(plot.svg())
        #expect(svg.parsed, "seed \(seed): \(svg.error ?? "")")
        let real = plot.series[0].points.count
        let generatedDrawn = plot.series[1].points.count - 2          // minus the NaN and the point outside
        #expect(svg.plotCount("circle") == real + generatedDrawn, "seed \(seed)")
        #expect(svg.texts.contains("real (\(real))") && svg.texts.contains("generated (\(generatedDrawn))"), "seed \(seed)")
        #expect(svg.texts.contains("generated: skipped 1 non-finite, 1 outside the axes"), "seed \(seed)")
    }

    @Test("Identical input gives byte-identical SVG", arguments: 0..<5)
    func deterministic(seed: UInt64) {
        #expect(Self.sampleScatter(seed: seed).svg() == Self.sampleScatter(seed: seed).svg(), "seed \(seed)")
        let heat = { HeatMap(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: 9, rows: 7) { x, y in x * x - y } }
        #expect(heat().svg() == heat().svg())
        let chart = { LineChart(series: [LineSeries(name: "loss", values: (0..<50).map { 1 / Double($0 + 1) })], yScale: .log10()) }
        #expect(chart().svg() == chart().svg())
    }

    @Test("Labels with < & > and quotes are escaped and read back unchanged")
    func labelsAreEscaped() throws {
        let title = "D(x) < 1 & G's \"loss\" > 0"
        let plot = ScatterPlot(series: [ScatterSeries(name: "<real & fake>", points: [PlotPoint(x: 0, y: 0)])],
                               title: title, xName: "x < y", yName: "a&b")
        let text = plot.svg()
        #expect(!text.contains("<real") && !text.contains("& fake") && !text.contains("x < y"))
        #expect(text.contains("&lt;real &amp; fake&gt;"))
        let svg = SVGSummary(text)
        #expect(svg.parsed, "\(svg.error ?? "")")
        #expect(svg.texts.contains(title))
        #expect(svg.texts.contains("<real & fake> (1)"))
        #expect(svg.texts.contains("x < y") && svg.texts.contains("a&b"))
    }

    @Test("Control characters that XML forbids are dropped, so the document still parses")
    func controlCharactersDropped() {
        #expect(SVGCanvas.escape("a\u{01}b\u{1B}c\td") == "abc\td")
        let plot = ScatterPlot(series: [ScatterSeries(name: "bell\u{07}", points: [])], title: "esc\u{1B}[0m")
        #expect(SVGSummary(plot.svg()).parsed)
    }

    @Test("The root element is SVG 1.1 with a viewBox matching its size")
    func rootElement() throws {
        let svg = SVGSummary(LineChart(series: [LineSeries(name: "l", values: [1, 2])]).svg(width: 300, height: 200))
        #expect(svg.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(svg.rootAttributes["version"] == "1.1")
        #expect(svg.rootAttributes["viewBox"] == "0 0 300.00 200.00")
        #expect(svg.rootAttributes["width"] == "300.00" && svg.rootAttributes["height"] == "200.00")
    }

    @Test("A heat map SVG has one rect per cell and one circle per overlay point inside the rectangle")
    func heatMapCells() {
        let map = HeatMap(xRange: AxisRange(-1, 1), yRange: AxisRange(-1, 1), columns: 13, rows: 7,
                          overlay: [PlotPoint(x: 0, y: 0), PlotPoint(x: 0.5, y: -0.5), PlotPoint(x: 3, y: 0)]) { x, y in x + y }
        let svg = SVGSummary(map.svg())
        #expect(svg.parsed, "\(svg.error ?? "")")
        #expect(svg.rectsInCrispGroups == 13 * 7)
        #expect(svg.plotCount("circle") == 2)
    }

    @Test("Cell colours follow the viridis ramp: the lowest cell is its first anchor, the highest its last")
    func heatMapColours() {
        let grid = ScalarGrid(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 3, rows: 1, values: [-2, 0, 2])
        let text = HeatMap(grid: grid).svg()
        #expect(text.contains("fill=\"#440154\""))
        #expect(text.contains("fill=\"#fde725\""))
        #expect(text.contains("fill=\"\(ColorRamp.viridis.color(at: 0.5).hex)\""))
    }

    @Test("A line chart draws one polyline per unbroken run and a dot for a lone point")
    func lineChartRuns() {
        let chart = LineChart(series: [LineSeries(name: "a", values: [1, 2, .nan, 3, 4, .nan, 5]),
                                       LineSeries(name: "b", values: [4, 3, 2, 1])])
        let svg = SVGSummary(chart.svg())
        #expect(svg.parsed, "\(svg.error ?? "")")
        #expect(svg.count("polyline") == 3)
        #expect(svg.count("circle") == 1)
    }

    @Test("A log-scale chart is labelled at powers of ten")
    func logTicks() {
        let chart = LineChart(series: [LineSeries(name: "norm", values: [1000, 100, 10, 1, 0.1, 0.01])], yScale: .log10())
        let svg = SVGSummary(chart.svg())
        for label in ["0.01", "0.1", "1", "10", "100", "1e+03"] {
            #expect(svg.texts.contains(label), "missing tick label \(label)")
        }
    }

    @Test("Edge cases give well-formed SVG: empty series, one point, identical points, NaN, huge range")
    func edgeCases() {
        let big = Double.greatestFiniteMagnitude
        let figures: [any Figure] = [
            ScatterPlot(series: []),
            ScatterPlot(real: [], generated: []),
            ScatterPlot(real: [PlotPoint(x: 1, y: 1)], generated: Array(repeating: PlotPoint(x: 2, y: 2), count: 5)),
            ScatterPlot(real: [PlotPoint(x: .nan, y: .nan)], generated: [PlotPoint(x: -big, y: big), PlotPoint(x: big, y: -big)]),
            HeatMap(xRange: AxisRange(-big, big), yRange: AxisRange(0, 0), columns: 3, rows: 2) { x, _ in x },
            HeatMap(xRange: AxisRange(0, 1), yRange: AxisRange(0, 1), columns: 1, rows: 1) { _, _ in .nan },
            LineChart(series: [LineSeries(name: "nan", values: [.nan, .nan])]),
        ]
        for (index, figure) in figures.enumerated() {
            let svg = SVGSummary(figure.svg())
            #expect(svg.parsed, "figure \(index): \(svg.error ?? "")")
            _ = figure.render(style: .plain)
        }
    }
}
