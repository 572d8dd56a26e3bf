import Testing
import Foundation
@testable import GANNotesCLI
import Autodiff
import NeuralNet
import Plots
import Training

/// A terminal that answers reads from a script, one batch of keys per read, and keeps what is written.
final class ScriptedTerminal: LiveTerminal {
    var script: [[UInt8]]
    var columns = 80, rows = 24
    private(set) var frames: [String] = []
    var interrupted = false
    /// Called before each read, with the number of reads so far (to resize in the middle, say).
    var beforeRead: (Int) -> Void = { _ in }
    private var reads = 0

    init(_ script: [String]) { self.script = script.map { Array($0.utf8) } }

    func size() -> (columns: Int, rows: Int) { (columns, rows) }
    func readKeys(timeout: Duration) -> [UInt8] {
        beforeRead(reads)
        reads += 1
        return script.isEmpty ? Array("q".utf8) : script.removeFirst()     // an empty script ends the view
    }
    func write(_ text: String) { frames.append(text) }
}

@Suite("train --live: keys, freezing, and a picture that does not change training")
struct LiveViewTests {
    static func trainer(steps: Int = 40, seed: UInt64 = 3) throws -> GANTrainer {
        let objective = try #require(ObjectiveCatalogue.make("gan"))
        let data = try resolveData("ring8", columns: nil)
        var config = TrainingConfig(objective: "gan", data: data.name, settings: objective.recommendedSettings)
        config.steps = steps; config.width = 16; config.depth = 2; config.batchSize = 32
        config.seed = seed; config.evaluationSamples = 200; config.metricsEvery = 0
        return try GANTrainer(config: config, objective: objective, data: data.distribution)
    }

    static func view(_ trainer: GANTrainer, _ terminal: ScriptedTerminal) -> LiveView {
        let view = LiveView(trainer: trainer, terminal: terminal, style: .plain)
        view.automatic = false
        return view
    }

    @Test("space pauses: no step while paused; n makes exactly one; space resumes")
    func pauseAndStep() throws {
        let trainer = try Self.trainer()
        let terminal = ScriptedTerminal([" ", "", "", "n", "", "n", " "])
        let view = Self.view(trainer, terminal)
        var stepsAtRead: [Int] = []
        terminal.beforeRead = { _ in stepsAtRead.append(trainer.step) }
        try view.run()
        // reads: ' ' pauses before any step; two idle reads; n -> 1; idle; n -> 2; ' ' resumes and steps once.
        #expect(Array(stepsAtRead.prefix(8)) == [0, 0, 0, 0, 1, 1, 2, 3])
    }

    @Test("d freezes the discriminator and g the generator; pressing again frees them", arguments: ["d", "g"])
    func freezing(key: String) throws {
        let trainer = try Self.trainer()
        let frozenLayer: any Layer = key == "d" ? trainer.discriminator : trainer.generator
        let movingLayer: any Layer = key == "d" ? trainer.generator : trainer.discriminator
        let frozenBefore = frozenLayer.parameters.map(\.value.scalars), movingBefore = movingLayer.parameters.map(\.value.scalars)
        try Self.view(trainer, ScriptedTerminal([key, "", "", "q"])).run()
        #expect(trainer.step == 3)
        #expect(frozenLayer.parameters.map(\.value.scalars) == frozenBefore, "\(key) froze its player")
        #expect(movingLayer.parameters.map(\.value.scalars) != movingBefore, "the other player trained")
        let view = Self.view(trainer, ScriptedTerminal([key, "q"]))
        try view.run()
        #expect(trainer.frozen.isEmpty)
        #expect(frozenLayer.parameters.map(\.value.scalars) != frozenBefore, "freed, it trains again")
    }

    @Test("+ and - walk the ladder of steps between redraws, and stop at its ends")
    func pacing() throws {
        let trainer = try Self.trainer(steps: 2000)
        let view = Self.view(trainer, ScriptedTerminal(["+", "+", "-", "-", "-", "-", "-", "-", "q"]))
        view.stepsPerRedraw = 10
        var seen: [Int] = []
        (view.terminal as! ScriptedTerminal).beforeRead = { _ in seen.append(view.stepsPerRedraw) }
        try view.run()
        #expect(Array(seen.prefix(9)) == [10, 20, 50, 20, 10, 5, 2, 1, 1])
        #expect(view.stepsPerRedraw == 1)
    }

    @Test("q stops early and keeps what was trained; Ctrl-C and a signal interrupt")
    func stopping() throws {
        let trainer = try Self.trainer()
        try Self.view(trainer, ScriptedTerminal(["", "", "", "", "q"])).run()
        #expect(trainer.step == 4)
        let interrupted = try Self.trainer()
        #expect(throws: LiveView.Interrupted.self) { try Self.view(interrupted, ScriptedTerminal(["", "\u{3}"])).run() }
        #expect(interrupted.step == 1)
        let signalled = ScriptedTerminal(["", ""])
        signalled.beforeRead = { reads in if reads == 1 { signalled.interrupted = true } }
        #expect(throws: LiveView.Interrupted.self) { try Self.view(try Self.trainer(), signalled).run() }
    }

    @Test("Watching does not change training: a watched run ends with the weights of an unwatched one", arguments: [1, 7] as [UInt64])
    func watchingIsFree(seed: UInt64) throws {
        let watched = try Self.trainer(steps: 25, seed: seed), plain = try Self.trainer(steps: 25, seed: seed)
        let view = Self.view(watched, ScriptedTerminal(Array(repeating: "", count: 25) + ["q"]))
        view.stepsPerRedraw = 2
        try view.run()
        try plain.train()
        #expect(watched.step == 25)
        #expect(watched.generator.parameters.map(\.value.scalars) == plain.generator.parameters.map(\.value.scalars), "seed \(seed)")
        #expect(watched.discriminator.parameters.map(\.value.scalars) == plain.discriminator.parameters.map(\.value.scalars), "seed \(seed)")
        #expect(view.redraws >= 13, "seed \(seed): one redraw every 2 steps, and the first")
    }

    @Test("Every frame is drawn from the top-left corner, line by line clearing the rest, within the terminal's size")
    func framesInPlace() throws {
        let trainer = try Self.trainer()
        let terminal = ScriptedTerminal(["", "", "", "q"])
        terminal.beforeRead = { reads in if reads == 2 { terminal.columns = 160; terminal.rows = 50 } }
        try Self.view(trainer, terminal).run()
        #expect(terminal.frames.allSatisfy { $0.hasPrefix("\u{1B}[H") && $0.hasSuffix("\u{1B}[K\u{1B}[J") })
        let sizes = terminal.frames.map { frame in
            frame.dropFirst(3).components(separatedBy: "\u{1B}[K\r\n").count
        }
        #expect(sizes.first == 24 && sizes.last == 50, "a resize is followed: \(sizes)")
        for frame in terminal.frames {
            let widest = frame.components(separatedBy: "\r\n").map { visibleWidth($0.replacingOccurrences(of: "\u{1B}[K", with: "").replacingOccurrences(of: "\u{1B}[H", with: "").replacingOccurrences(of: "\u{1B}[J", with: "")) }.max() ?? 0
            #expect(widest <= 160)
        }
    }

    @Test("The view picks enough steps per redraw that drawing is at most a tenth, unless that drops below 10 redraws a second")
    func automaticPace() {
        #expect(LiveView.automaticStepsPerRedraw(step: 0.010, frame: 0.005) == 5)     // 9 f / t = 4.5
        #expect(LiveView.automaticStepsPerRedraw(step: 0.010, frame: 0.020) == 8)     // (0.1 - f) / t = 8 < 18
        #expect(LiveView.automaticStepsPerRedraw(step: 0.200, frame: 0.001) == 1)
        #expect(LiveView.automaticStepsPerRedraw(step: 0.010, frame: 0.200) == 1)
        #expect(LiveView.automaticStepsPerRedraw(step: 1e-300, frame: 0.001) == 1000, "capped at the ladder's top, no trap")
    }

    @Test("--step prints the picture after every update, one panel per update, none wider than the terminal")
    func stepPictures() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "3", "--n-critic", "2", "--step", "--plots", "none"])
        #expect(o.status == 0, "\(o.error)")
        let lines = o.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0 == "samples over the critic's value" }.count == 9, "3 steps of 2 D updates and 1 G update")
        #expect(lines.contains("after D's update 2/2 of step 3: the critic's field"))
        #expect(lines.contains("after G's update of step 3: the samples and G's push"))
        let pictures = lines.drop { !$0.hasPrefix("after ") }.filter { !$0.hasPrefix("step ") && !$0.hasPrefix("final") }
        #expect(pictures.allSatisfy { $0.count <= 80 })
    }

    @Test("Not on a terminal, --live says so in one line and trains as without it")
    func notATerminal() {
        let outcome = runCLI(["train", "--objective", "gan", "--data", "ring8", "--quick", "--steps", "20", "--live", "--plots", "none"])
        #expect(outcome.status == 0)
        #expect(outcome.error == "train --live: standard input and output are not both a terminal; training without the live view\n")
        #expect(outcome.output.contains("final: modes"))
    }
}

func visibleWidth(_ text: String) -> Int {
    var count = 0, inEscape = false
    for c in text {
        if inEscape { if c.isLetter { inEscape = false } } else if c == "\u{1B}" { inEscape = true } else { count += 1 }
    }
    return count
}
