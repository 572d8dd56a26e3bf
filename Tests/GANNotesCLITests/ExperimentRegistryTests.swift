import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GANNotesCLI
import Training
import JSDivergence

/// Every experiment in the registry, run the way a script and a learner run it: the shape that
/// `Experiment` promises holds for all of them, not just the ones a test was written for.
@Suite("the experiment registry", .serialized)
struct ExperimentRegistryTests {
    @Test("every experiment prints only valid JSON with --json, writes a well-formed SVG with --svg, and shows progress on a terminal",
          arguments: ExperimentCatalogue.names)
    func everyExperiment(name: String) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let svg = folder + "/figure.svg"
        let run = runCLI(["experiment", name, "--quick", "--json", "--svg", svg], interactive: true)
        #expect(run.status == 0, "\(name): \(run.error)")
        // The whole of standard output parses as one object: any other line there would break it.
        let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8))
        #expect(json is [String: Any], "\(name): stdout is not one JSON object")

        let document = try String(contentsOfFile: svg, encoding: .utf8)
        let parser = XMLParser(data: Data(document.utf8))
        #expect(parser.parse(), "\(name): the SVG does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(document.contains("<svg") && document.contains("</svg>"))
        // A figure that shows a result draws something: a path, a polyline, circles or cells.
        #expect(["<polyline", "<path", "<circle", "<rect x"].contains { document.contains($0) }, "\(name): an empty figure")

        // On a terminal the progress line is drawn as soon as the run starts and cleared at the end.
        #expect(run.error.hasPrefix("\r\u{1B}[K" + name + ":"), "\(name): no progress line at the start")
        #expect(run.error.hasSuffix("\r\u{1B}[K"), "\(name): the progress line was not cleared")
    }

    @Test("not on a terminal, an experiment writes nothing to standard error")
    func quietOffTerminal() {
        let run = runCLI(["experiment", "js-vs-distance", "--quick"])
        #expect(run.status == 0)
        #expect(run.error.isEmpty)
    }

    @Test("--seeds takes a count or a range; a range sets the first seed and cannot be combined with --seed")
    func seedRanges() throws {
        func parse(_ text: String) throws -> [Int?] {
            let range = try SeedRange(parsing: text, command: "x")
            return [range.first.map(Int.init), range.count]
        }
        #expect(try parse("5") == [nil, 5])
        #expect(try parse("3-7") == [3, 5])
        #expect(try parse("4-4") == [4, 1])
        for bad in ["0", "7-3", "-1", "1-", "a", "1-2-3", "1001", "0-1000", "18446744073709551615-18446744073709551615"] {
            #expect(throws: UsageError.self, "\(bad)") { try SeedRange(parsing: bad, command: "x") }
        }
        let both = runCLI(["experiment", "began-gamma", "--quick", "--seeds", "2-3", "--seed", "2"])
        #expect(both.status == 2 && both.errorIsOneLine, "\(both.error)")
    }

    @Test("a seed range runs exactly the seeds it names")
    func seedRangeRunsItsSeeds() throws {
        let run = runCLI(["experiment", "minibatch-stddev", "--steps", "5", "--seeds", "3-4", "--data", "ring8", "--json"])
        #expect(run.status == 0, "\(run.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(Set(runs.compactMap { ($0["seed"] as? NSNumber)?.intValue }) == [3, 4])
    }

    @Test("with --quick, --steps below the quick budget is kept and above it is capped; without, it is kept")
    func quickCapsTheBudget() throws {
        func steps(_ arguments: [String]) throws -> Int? {
            let run = runCLI(["experiment", "vanishing-gradients", "--json"] + arguments)
            #expect(run.status == 0, "\(run.error)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            return ((object["settings"] as? [String: Any])?["steps"] as? NSNumber)?.intValue
        }
        let cap = VanishingGradients.Settings.quick.steps
        #expect(try steps(["--quick", "--steps", "7"]) == 7)
        #expect(try steps(["--quick", "--steps", "\(cap + 50)"]) == cap)
        #expect(try steps(["--steps", "\(cap + 1)"]) == cap + 1)
    }

    @Test("the progress line names the stage, the share done and the time left")
    func progressText() {
        let text = ProgressLine.text(label: "zoo", progress: ProgressReport("gan on ring8", done: 25, total: 100), elapsed: 10)
        #expect(text == "zoo:  gan on ring8   25% (25/100)  10 s, about 30 s left")
        #expect(ProgressLine.text(label: "zoo", progress: nil, elapsed: 0) == "zoo:  starting  0 s")
        #expect(ProgressLine.seconds(125) == "2 min 05 s")
    }

    @Test("on a narrow terminal the stage is shortened, and the time left stays in view")
    func progressTextFits() {
        let stage = "pacgan4 on grid25, seed 3 of 8, the discriminator sees 128 packs of four"
        let report = ProgressReport(stage, done: 25, total: 100)
        for width in 60...120 {
            let text = ProgressLine.text(label: "packing", progress: report, elapsed: 10, width: width)
            #expect(text.count <= width, "width \(width): \(text)")
            #expect(text.hasSuffix("25% (25/100)  10 s, about 30 s left"), "width \(width): \(text)")
            #expect(text.hasPrefix("packing:  pacgan4"), "width \(width): \(text)")
        }
        let wide = ProgressLine.text(label: "packing", progress: report, elapsed: 10, width: 200)
        #expect(wide.contains(stage) && !wide.contains("…"))
    }

    @Test("ProgressCounter adds up units from many threads and never passes its total")
    func counter() throws {
        let seen = Box()
        let counter = ProgressCounter("work", total: 1000, handler: { seen.record($0) })
        _ = try parallelMap(8, threads: 4) { _ in for _ in 0..<150 { counter.advance() } }
        #expect(seen.last?.done == 1000)
        #expect(seen.maximum <= 1000)
    }
}

/// The last report a handler saw and the largest count, under a lock.
private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var last: ProgressReport?
    private(set) var maximum = 0
    func record(_ p: ProgressReport) { lock.withLock { last = p; maximum = max(maximum, p.done) } }
}

@Suite("text fitted to the terminal's width")
struct TerminalWidthTests {
    @Test("a long line breaks at spaces under its own indentation; a line that fits is untouched")
    func wrapping() {
        #expect(wrapLine("short line", width: 20) == ["short line"])
        #expect(wrapLine("  one two three four five", width: 12) == ["  one two", "    three", "    four", "    five"])
        #expect(wrapLine("abcdefghij", width: 4) == ["abcd", "  ef", "  gh", "  ij"])
        #expect(wrapLine("\u{1B}[1mbold\u{1B}[0m text", width: 9) == ["\u{1B}[1mbold\u{1B}[0m text"])
        // Deep indentation and a long word still end (each line moves on by at least half the width).
        let deep = wrapLine(String(repeating: " ", count: 79) + String(repeating: "x", count: 300), width: 80)
        #expect(deep.allSatisfy { $0.count <= 80 } && deep.joined().filter { $0 == "x" }.count == 300)
    }

    @Test("a table wider than the terminal wraps its last column, or turns into header: value rows")
    func tables() {
        let rows = [["gan", "Adam lr 0.001", "the original GAN with the non-saturating generator loss of Goodfellow et al."]]
        let wide = TerminalWidth.$columns.withValue(nil) { table(["name", "optimizer", "what it is"], rows) }
        #expect(wide.split(separator: "\n").count == 2)
        let fitted = TerminalWidth.$columns.withValue(50) { table(["name", "optimizer", "what it is"], rows) }
        #expect(fitted.split(separator: "\n").allSatisfy { $0.count <= 50 })
        #expect(fitted.contains("Goodfellow"))
        let narrow = TerminalWidth.$columns.withValue(24) { table(["name", "optimizer", "what it is"], rows) }
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 24 })
        #expect(narrow.hasPrefix("name: gan"))
    }
}
