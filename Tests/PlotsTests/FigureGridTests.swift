import Testing
@testable import Plots

@Suite("FigureGrid: panels side by side")
struct FigureGridTests {
    private func frame(_ step: Int) -> ScatterPlot {
        ScatterPlot(real: [PlotPoint(x: 0, y: 0)], generated: [PlotPoint(x: Double(step), y: 1)],
                    title: "step \(step)", width: 12, height: 5, xRange: AxisRange(0, 4), yRange: AxisRange(0, 1))
    }

    @Test("The SVG grid places panel i at column i mod c, row i div c, each in its own group")
    func svgLayout() throws {
        let grid = FigureGrid([frame(0), frame(1), frame(2), frame(3), frame(4)], columns: 2,
                              panelWidth: 200, panelHeight: 150, gap: 10, title: "film")
        #expect(grid.rows == 3)
        #expect(grid.size.width == 2 * 200 + 10 && grid.size.height == 28 + 3 * 150 + 2 * 10)
        let text = grid.svg()
        for (index, (x, y)) in [(0, 28), (210, 28), (0, 188), (210, 188), (0, 348)].enumerated() {
            #expect(text.contains("<g transform=\"translate(\(x).00,\(y).00)\">"), "panel \(index)")
        }
        let svg = SVGSummary(text)
        #expect(svg.parsed, "\(svg.error ?? "")")
        #expect(svg.plotCount("circle") == 10)
        #expect(svg.texts.contains("step 4"))
    }

    @Test("The terminal grid puts each panel's lines side by side, columns aligned")
    func terminalLayout() {
        let panels = [frame(0), frame(3)]
        let left = panels[0].render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let right = panels[1].render().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let joined = FigureGrid(panels).render(style: .plain, spacing: 3)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let leftWidth = left.map(\.count).max()!
        #expect(joined.count == max(left.count, right.count))
        for i in joined.indices {
            let expected = left[i] + String(repeating: " ", count: leftWidth - left[i].count + 3) + right[i]
            #expect(joined[i] == trimmingTrailingSpaces(expected), "line \(i)")
        }
    }

    @Test("Colour does not shift the columns of a terminal grid")
    func colourKeepsAlignment() {
        let grid = FigureGrid([frame(0), frame(3)])
        #expect(strippingEscapes(grid.render(style: .ansi256)) == grid.render(style: .plain))
    }

    @Test("An empty grid is still a well-formed document")
    func emptyGrid() {
        #expect(SVGSummary(FigureGrid([]).svg()).parsed)
        #expect(FigureGrid([]).render().isEmpty)
    }
}
