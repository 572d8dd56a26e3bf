import Foundation
import Testing
@testable import GANNotesCLI

@Suite("The train, sample, datasets, objectives and gradcheck commands")
struct TrainCommandTests {
    @Test("train --quick prints progress, a scatter and final metrics, and writes its files")
    func trainWritesFiles() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = runCLI(["train", "--objective", "gan", "--data", "ring8", "--quick", "--seed", "3",
                              "--json", "\(folder)/run.json", "--svg", "\(folder)/run.svg", "--save", "\(folder)/run.ckpt"])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("gan on ring8: 200 steps"))
        #expect(outcome.output.contains("step 200"))
        #expect(outcome.output.contains(". real (500)   o generated (500)"))
        #expect(outcome.output.contains("final: modes "))
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/run.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["config", "log", "final", "wall_seconds"])
        let svg = try String(contentsOfFile: "\(folder)/run.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))

        // sample reads the checkpoint back: a header and one CSV row per point.
        let sampled = runCLI(["sample", "--checkpoint", "\(folder)/run.ckpt", "--n", "5"])
        #expect(sampled.status == 0, "\(sampled.error)")
        let lines = sampled.output.split(separator: "\n")
        #expect(lines.first == "x,y" && lines.count == 6)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").compactMap { Double($0) }.count == 2 })

        // Resuming to the same step count trains nothing and reports the same final metrics.
        let resumed = runCLI(["train", "--resume", "\(folder)/run.ckpt", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.error)")
    }

    @Test("the same command twice writes byte-identical JSON records, apart from wall_seconds")
    func deterministicRecords() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a", "b"] {
            let o = runCLI(["train", "--objective", "gan", "--data", "grid25", "--quick", "--quiet", "--json", "\(folder)/\(name).json"])
            #expect(o.status == 0, "\(o.error)")
        }
        func withoutWallTime(_ name: String) throws -> String {
            try String(contentsOfFile: "\(folder)/\(name).json", encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains("wall_seconds") }.joined(separator: "\n")
        }
        #expect(try withoutWallTime("a") == withoutWallTime("b"))
    }

    /// Each bad input: exit status 2, exactly one line on standard error naming the problem, and
    /// no file written.
    @Test("bad input to train is one line, exit status 2, and nothing is written", arguments: [
        (["--objective", "gan", "--stepz", "10"], "unknown option '--stepz' (did you mean '--steps'?)"),
        (["--objective", "ganz"], "unknown objective 'ganz' (did you mean 'gan'?); expected one of: gan, minimax-gan"),
        (["--objective", "gan", "--data", "ring9"], "unknown dataset 'ring9' (did you mean 'ring8'?); expected one of: ring8, grid25,"),
        (["--objective", "gan", "--steps", "ten"], "--steps must be a positive integer up to 10^7, got 'ten'"),
        (["--objective", "gan", "--steps", "-5"], "--steps must be a positive integer up to 10^7, got -5"),
        (["--objective", "gan", "--batch", "0"], "--batch must be an integer from 2 to 65536, got 0"),
        (["--objective", "gan", "--lr", "-0.1"], "--lr must be a positive number up to 1e6, got -0.1"),
        (["--objective", "gan", "--lr", "nan"], "--lr must be a finite positive number up to 1e6, got nan"),
        (["--objective", "gan", "--steps"], "missing value for --steps"),
        (["--objective", "gan", "--beta1", "1"], "--beta1 must be a number in [0, 1), got 1"),
        (["--objective", "gan", "--beta2", "-0.1"], "--beta2 must be a number in [0, 1), got -0.1"),
        (["--objective", "wgan", "--beta1", "0.5"], "--beta1 applies only to Adam; this run's optimizer is rmsprop (add --optimizer adam)"),
        (["--data", "ring8"], "missing --objective; expected one of: gan, minimax-gan"),
        (["--objective", "gan", "--seed", "1", "--seed", "2"], "--seed given twice"),
        (["--resume", "/no/such/file.ckpt"], "--resume"),
    ])
    func badInput(_ arguments: [String], _ fragment: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let json = "\(folder)/never.json"
        let outcome = runCLI(["train"] + arguments + ["--json", json])
        #expect(outcome.status == 2, "\(arguments): \(outcome.error)")
        #expect(outcome.errorIsOneLine, "\(arguments): \(outcome.error)")
        #expect(outcome.error.contains(fragment), "\(arguments): \(outcome.error)")
        #expect(!FileManager.default.fileExists(atPath: json))
    }

    @Test("--beta1 and --beta2 set Adam's betas of both networks, and the record keeps them")
    func adamBetas() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "5", "--beta1", "0.8", "--beta2", "0.99",
                        "--json", "\(folder)/r.json"])
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("(0.8, 0.99)"), "\(o.output)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/r.json"))) as? [String: Any])
        let config = try #require(json["config"] as? [String: Any])
        for player in ["generator_optimizer", "discriminator_optimizer"] {
            let optimizer = try #require(config[player] as? [String: Any], "\(config.keys)")
            #expect(optimizer["beta1"] as? Double == 0.8 && optimizer["beta2"] as? Double == 0.99, "\(optimizer)")
        }
    }

    @Test("networks too large for the machine's memory are refused in words; the toy sizes are far inside")
    func memoryEstimate() {
        // 4096 wide and 16 deep: about 512 million weights, 25 GB of training state.
        let weights = 2 * (15 * (4096 * 4096 + 4096) + 4096 * 6 + 2)
        let big = trainingMemoryEstimate(weights: weights, batch: 256, width: 4096, depth: 16)
        #expect(big > 24e9 && big < 27e9, "\(big)")
        #expect(memoryProblem(needed: big, available: 16_000_000_000)
                == "these networks need about 26 GB of memory to train; this machine has 16 GB")
        #expect(memoryProblem(needed: big, available: 64_000_000_000) == nil)
        // The default run (3 x 128, batch 256) needs a few MB.
        let toy = trainingMemoryEstimate(weights: 2 * (2 * (128 * 128 + 128) + 128 * 6 + 2), batch: 256, width: 128, depth: 3)
        #expect(toy > 1e6 && toy < 2e7, "\(toy)")
        // Activations count: a huge batch alone is refused.
        #expect(trainingMemoryEstimate(weights: 0, batch: 65_536, width: 4096, depth: 16) > 4e11)
    }

    @Test("settings fixed by a checkpoint cannot be changed on resume")
    func resumeRefusesChangedSettings() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(runCLI(["train", "--objective", "gan", "--quick", "--quiet", "--steps", "20", "--save", "\(folder)/c.ckpt"]).status == 0)
        let o = runCLI(["train", "--resume", "\(folder)/c.ckpt", "--width", "64"])
        #expect(o.status == 2 && o.errorIsOneLine)
        #expect(o.error.contains("--width cannot be combined with --resume"))
        try "not a checkpoint".write(toFile: "\(folder)/bad.ckpt", atomically: true, encoding: .utf8)
        let bad = runCLI(["train", "--resume", "\(folder)/bad.ckpt"])
        #expect(bad.status == 1 && bad.errorIsOneLine && bad.error.contains("is not a GANNotes checkpoint"), "\(bad.error)")
    }

    @Test("a run that diverges stops with one line naming the step, exit status 1, and writes nothing")
    func divergenceWritesNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Plain SGD at the largest learning rate accepted (1e6) on LSGAN's squared loss: the
        // weights grow by orders of magnitude per step and the loss overflows within a few.
        let o = runCLI(["train", "--objective", "lsgan", "--quick", "--optimizer", "sgd", "--lr", "1e6",
                        "--json", "\(folder)/run.json", "--save", "\(folder)/run.ckpt"])
        #expect(o.status == 1, "\(o.error)")
        #expect(o.errorIsOneLine, "\(o.error)")
        #expect(o.error.contains("training stopped at step ") && o.error.contains("try a smaller learning rate"), "\(o.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("an unwritable output path is refused before training: one line, exit status 2, nothing on stdout")
    func unwritablePath() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "5", "--json", "/no/such/dir/run.json"])
        #expect(o.status == 2 && o.errorIsOneLine && o.output.isEmpty, "\(o.error)")
        #expect(o.error.contains("--json '/no/such/dir/run.json': no such directory '/no/such/dir'"), "\(o.error)")
    }

    @Test("datasets and objectives list every registered name")
    func listings() {
        let d = runCLI(["datasets"])
        for name in ["ring8", "grid25", "8gaussians", "25gaussians", "swissroll", "mixture1d"] {
            #expect(d.output.contains("\n\(name) "), "\(name)")
        }
        let o = runCLI(["objectives"])
        for name in ObjectiveCatalogue.names { #expect(o.output.contains("\n\(name) "), "\(name)") }
    }

    @Test("gradcheck passes every row and says so")
    func gradcheck() {
        let o = runCLI(["gradcheck", "--quick"])
        #expect(o.status == 0)
        #expect(o.output.contains("rows pass at tolerance 1e-06 over 1 seed each"))
        #expect(!o.output.contains("FAIL"))
        // A tolerance no check can meet makes rows fail and the exit status 1.
        let strict = runCLI(["gradcheck", "--quick", "--tolerance", "1e-30"])
        #expect(strict.status == 1 && strict.output.contains("FAIL"))
    }

    @Test("gan-notes alone says what the tool is and what to try first")
    func overview() {
        let o = runCLI([])
        #expect(o.status == 0 && o.output.contains("gan-notes lesson 0") && o.output.contains("train"))
    }
}

@Suite("Every lesson runs end to end")
struct LessonSmokeTests {
    @Test("each lesson passes in quick mode without pausing")
    func everyLessonRuns() throws {
        let library = try LessonLibrary.locate(environment: [:], currentDirectory: FileManager.default.currentDirectoryPath)
        let lessons = try library.lessons()
        #expect(lessons.count >= 1)
        for lesson in lessons {
            let o = runCLI(["lesson", "\(lesson.number)", "--quick", "--no-pause"], tool: GANNotes())
            #expect(o.status == 0, "lesson \(lesson.number): \(o.error)")
            #expect(!o.output.contains("FAIL"), "lesson \(lesson.number)")
            // Everything a lesson shows, its text and its commands' output, fits an 80-column terminal.
            let wide = o.output.split(separator: "\n").filter { visibleCount(String($0)) > 80 }
            #expect(wide.isEmpty, "lesson \(lesson.number): \(wide.count) lines wider than 80, first: \(wide.first ?? "")")
        }
    }
}

@Suite("Training on your own CSV data")
struct CSVDataTests {
    @Test("the example CSV trains; mode metrics are reported as not applicable")
    func exampleTrains() {
        let o = runCLI(["train", "--objective", "gan", "--data", "csv:docs/examples/heart.csv", "--quick", "--steps", "20", "--plots", "none"])
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("final: modes n/a, W1 "))
    }

    @Test("a bad file is one line naming the line, exit status 2, and nothing is written", arguments: [
        ("x,y\n1,2\n3,abc\n", "line 3, column 2 ('y'): 'abc' is not a number"),
        ("1,2\n3,nan\n", "line 2, column 2: nan is not finite"),
        ("1,2\n", "has 1 point; at least 2 are needed"),
    ])
    func badFile(_ text: String, _ fragment: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: "\(folder)/d.csv", atomically: true, encoding: .utf8)
        let o = runCLI(["train", "--objective", "gan", "--data", "csv:\(folder)/d.csv", "--json", "\(folder)/r.json"])
        #expect(o.status == 2 && o.errorIsOneLine, "\(o.error)")
        #expect(o.error.contains("\(folder)/d.csv \(fragment)"), "\(o.error)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/r.json"))
    }

    @Test("--data-column without csv data is refused")
    func columnWithoutCSV() {
        let o = runCLI(["train", "--objective", "gan", "--data", "ring8", "--data-column", "x,y"])
        #expect(o.status == 2 && o.error.contains("--data-column applies only to --data csv:PATH"))
    }
}

@Suite("Stepping through training")
struct SteppingTests {
    @Test("on a terminal each Enter runs one update, and q stops early keeping what was trained")
    func stepsOnEnter() {
        // Two Enters (two updates), then q after the third.
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "10", "--n-critic", "2", "--step", "--plots", "none"],
                       input: ["", "", "q"], interactive: true)
        #expect(o.status == 0, "\(o.error)")
        let updates = o.output.split(separator: "\n").filter { $0.hasPrefix("step ") && $0.contains("update") }
        #expect(updates.count == 3)
        // n_critic 2: D 1/2, D 2/2, then the generator update of step 1.
        #expect(updates.last?.contains("step 1  G update") == true)
        #expect(o.output.contains("stopped at step 1"))
    }

    @Test("with the generator frozen, the watched samples do not move")
    func frozenGeneratorSamplesStay() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "2", "--only", "d", "--step", "--plots", "none"])
        #expect(o.status == 0, "\(o.error)")
        let gLines = o.output.split(separator: "\n").filter { $0.contains("G update") }
        #expect(gLines.count == 2)
        for line in gLines {
            #expect(line.contains("(G frozen)"))
            // Every "(a, b) -> (c, d)" pair is unchanged.
            let pairs = line.components(separatedBy: "samples: ")[1].components(separatedBy: "  ")
            for p in pairs { let sides = p.components(separatedBy: " -> "); #expect(sides.count == 2 && sides[0] == sides[1], "\(p)") }
        }
    }
}

@Suite("The generator's view and the training film")
struct FilmTests {
    @Test("--frames N with --svg writes one figure with N frames at evenly spaced steps, the first before any update")
    func film() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "30", "--frames", "3", "--svg", "\(folder)/film.svg", "--quiet"])
        #expect(o.status == 0, "\(o.error)")
        let svg = try String(contentsOfFile: "\(folder)/film.svg", encoding: .utf8)
        for step in [0, 15, 30] { #expect(svg.contains("generator&apos;s view, step \(step)") || svg.contains("generator's view, step \(step)"), "\(step)") }
    }

    @Test("--frames without --svg is refused")
    func framesNeedSVG() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--frames", "3"])
        #expect(o.status == 2 && o.errorIsOneLine && o.error.contains("--frames needs --svg PATH"))
    }

    @Test("--plots view draws the manifold and the arrows in the terminal")
    func terminalView() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "20", "--plots", "view"])
        #expect(o.status == 0)
        #expect(o.output.contains("generator's view, step 20"))
        #expect(o.output.contains("x G(noise grid)"))
        #expect(o.output.contains("-dL_G/dx"))
    }
}
