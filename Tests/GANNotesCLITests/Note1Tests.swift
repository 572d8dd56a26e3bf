import Foundation
import Testing
@testable import GANNotesCLI

/// Note 1 on the command line: its experiments by name, their JSON, their errors, and lesson 1.
@Suite("Note 1 commands")
struct Note1Tests {
    static let experiments = ["optimal-discriminator", "js-vs-distance", "vanishing-gradients", "optimizers", "objectives-on-ring8"]

    /// The repository's own Lessons folder (this file is Tests/GANNotesCLITests/Note1Tests.swift).
    static var lessons: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    @Test("gan-notes experiment lists note 1's five experiments under note 1")
    func listed() {
        let outcome = runCLI(["experiment"])
        #expect(outcome.status == ExitStatus.success)
        let rows = outcome.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        for name in Self.experiments {
            #expect(rows.contains { $0.count > 2 && $0[0] == "1" && $0[1] == Substring(name) }, "\(name) missing")
        }
        #expect(ExperimentCatalogue.note1.map(\.name) == Self.experiments)
        #expect(ExperimentCatalogue.note1.allSatisfy { $0.note == 1 })
    }

    @Test("Each experiment prints one JSON object holding its result with --quick --json", arguments: experiments)
    func json(name: String) throws {
        let outcome = runCLI(["experiment", name, "--quick", "--json", "--seed", "3"])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(object["seed"] as? Int == 3)
        #expect(object["settings"] is [String: Any])
        let expectedKey = ["optimal-discriminator": "max_error", "js-vs-distance": "far_rows",
                           "vanishing-gradients": "minimax_fall", "optimizers": "runs", "objectives-on-ring8": "runs"][name]!
        #expect(object[expectedKey] != nil, "\(name): no \(expectedKey) in \(object.keys.sorted())")
    }

    @Test("The text reports show their plots and figures")
    func reports() {
        let vanishing = runCLI(["experiment", "vanishing-gradients", "--quick"])
        #expect(vanishing.status == ExitStatus.success, "\(vanishing.error)")
        #expect(vanishing.output.contains("(log10 scale)"))
        #expect(vanishing.output.contains("minimax gradient fell"))
        let optimal = runCLI(["experiment", "optimal-discriminator", "--quick"])
        #expect(optimal.output.contains("max |D - D*|"))
        #expect(optimal.output.contains("V(D*, G) = 2 JS - log 4"))
    }

    @Test("--svg writes an SVG document atomically and says where")
    func svg() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/js.svg"
        let outcome = runCLI(["experiment", "js-vs-distance", "--quick", "--svg", path])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        #expect(outcome.output.hasSuffix("wrote \(path)\n"))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
    }

    @Test("Bad options are one line and exit status 2", arguments: [
        ["experiment", "vanishing-gradients", "--data", "mixture1d"],
        ["experiment", "optimizers", "--architecture", "dcgan"],
        ["experiment", "optimal-discriminator", "--steps", "0"],
        ["experiment", "js-vs-distance", "--std", "-1"],
        ["experiment", "optimizers", "--lr", "nan"],
    ])
    func badOptions(arguments: [String]) {
        let outcome = runCLI(arguments)
        #expect(outcome.status == ExitStatus.usage, "\(arguments): \(outcome.error)")
        #expect(outcome.errorIsOneLine, "\(arguments): \(outcome.error)")
    }

    @Test("Both note 1 objectives train from the command line")
    func objectives() {
        for name in ["gan", "minimax-gan"] {
            let outcome = runCLI(["train", "--objective", name, "--steps", "5", "--width", "8", "--batch", "16", "--quiet"])
            #expect(outcome.status == ExitStatus.success, "\(name): \(outcome.error)")
            #expect(outcome.output.hasPrefix("final: modes "))
        }
    }

    @Test("Lesson 1 runs end to end with --quick --no-pause, every command succeeding")
    func lesson() throws {
        let outcome = runCLI(["lesson", "1", "--quick", "--no-pause"], environment: ["GAN_NOTES_LESSONS": Self.lessons])
        #expect(outcome.status == ExitStatus.success, "\(outcome.error)")
        #expect(outcome.error.isEmpty, "\(outcome.error)")
        for name in Self.experiments {
            #expect(outcome.output.contains("$ gan-notes experiment \(name)"), "lesson 1 does not run \(name)")
        }
    }
}
