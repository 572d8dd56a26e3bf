import Testing
import Foundation
@testable import GANNotesCLI
import Plots
import Training

@Suite("Training figures a learner can read: names on every axis and colour bar, a film that compares")
struct TrainingFiguresTests {
    @Test("The film has a frame before any update, the real samples in every frame, and one colour scale", arguments: [2, 3, 5])
    func film(frames: Int) throws {
        let trainer = try LiveViewTests.trainer(steps: 12)
        let film = TrainingFilm(trainer, frames: frames)
        try trainer.train(afterStep: { film.capture($0) })
        let shown = film.figures
        #expect(shown.count == frames)
        #expect(shown.first?.title == "generator's view, step 0")
        #expect(shown.last?.title == "generator's view, step 12")
        #expect(shown.allSatisfy { $0.layers.first?.name == "real" && $0.layers.first?.points.count == 48 })
        let scale = try #require(shown.first?.valueRange)
        #expect(shown.allSatisfy { $0.valueRange == scale })
        for frame in shown {
            #expect(frame.grid.values.allSatisfy { scale.contains($0) }, "every frame's values lie on the shared scale")
        }
        // The shared scale is the tightest that holds all frames: its ends are values of some frame.
        let all = shown.flatMap(\.grid.values)
        #expect(all.min() == scale.lower && all.max() == scale.upper)
    }

    @Test("Every figure of a run names its axes, and every heat map what its colours are")
    func names() throws {
        let trainer = try LiveViewTests.trainer(steps: 5)
        try trainer.train()
        let figures = TrainingFigures(trainer: trainer)
        let scatter = try #require(figures.scatter as? ScatterPlot)
        #expect(!scatter.xName.isEmpty && !scatter.yName.isEmpty)
        for map in [figures.heatMap, figures.generatorView].compactMap({ $0 as? HeatMap }) {
            #expect(!map.xName.isEmpty && !map.yName.isEmpty, "\(map.title)")
            #expect(map.valueName == "critic value", "\(map.title)")
            #expect(map.layers.map(\.name) == ["real"], "\(map.title): the real samples are drawn")
        }
        let losses = try #require(figures.losses as? LineChart)
        #expect(losses.xName == "step" && losses.yName == "loss")
    }

    @Test("train --svg --frames writes a film that starts at step 0")
    func filmCommand() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/film.svg"
        let outcome = runCLI(["train", "--objective", "gan", "--data", "ring8", "--quick", "--steps", "20",
                              "--plots", "none", "--svg", path, "--frames", "3"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        for step in [0, 10, 20] { #expect(svg.contains("generator&apos;s view, step \(step)<"), "step \(step)") }
    }
}
