import Foundation
import Testing
@testable import GANNotesCLI

@Suite("The reproduce command")
struct ReproduceCommandTests {
    @Test("bad input is one line and exit status 2", arguments: [
        (["reproduce", "pacgan", "--out", "x", "--seeds", "5-3"], "--seeds must be A-B with A <= B"),
        (["reproduce", "pacgan", "--out", "x", "--seeds", "a"], "--seeds must be A-B"),
        (["reproduce", "pacgan", "--out", "x", "--data", "ring9"], "pacgan has no data set 'ring9'"),
        (["reproduce", "pacgan", "--out", "x", "--arms", "gan"], "pacgan has no arm 'gan'"),
        (["reproduce", "nope", "--out", "x"], "unknown protocol 'nope'"),
        (["reproduce", "pacgan", "--out", "x", "--merge", "--status"], "--merge and --status are two different reports"),
    ])
    func refusals(arguments: [String], message: String) {
        let outcome = runCLI(arguments)
        #expect(outcome.status == 2, "\(outcome.error)")
        #expect(outcome.error.contains(message), "\(outcome.error)")
        #expect(outcome.error.split(separator: "\n").count == 1)
    }

    @Test("a two-update PacGAN run writes its record, says how it departs from the paper, and merges into the table")
    func runAndMerge() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = runCLI(["reproduce", "pacgan", "--data", "ring8", "--arms", "pacgan1", "--seeds", "1", "--steps", "2",
                          "--out", folder, "--quiet"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("departs from the paper: 2 updates per run, not 400000"))
        #expect(run.output.contains("pacgan1 on ring8, seed 1: "))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/pacgan1-ring8-seed1.json"))
        let merged = runCLI(["reproduce", "pacgan", "--merge", "--out", folder, "--json", "\(folder)/table.json"])
        #expect(merged.status == 0, "\(merged.error)")
        #expect(merged.output.contains("ring8       pacgan1     1     2"))
        #expect(merged.output.contains("6.3"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/table.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["cells", "comparisons"])

        let status = runCLI(["reproduce", "pacgan", "--data", "ring8", "--seeds", "1-2", "--steps", "2", "--status", "--out", folder])
        #expect(status.status == 0, "\(status.error)")
        let lines = status.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("pacgan1 on ring8, seed 1: 2/2 updates (finished), ") && $0.contains("/8 modes") }, "\(lines)")
        #expect(lines.contains("pacgan on ring8, seed 2: not started"), "\(lines)")
        #expect(lines.count == 8, "one line per planned run, four arms by two seeds: \(lines)")
    }

    @Test("--status on a directory that is not there says so in one line, exit status 1")
    func statusOfNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = runCLI(["reproduce", "pacgan", "--status", "--out", "\(folder)/typo"])
        #expect(outcome.status == 1, "\(outcome.output)")
        #expect(outcome.errorIsOneLine && outcome.error.contains("typo is not a directory"), "\(outcome.error)")
        #expect(outcome.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/typo"))
    }

    @Test("merging an empty directory says so, exit status 1")
    func emptyMerge() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outcome = runCLI(["reproduce", "pacgan", "--merge", "--out", folder])
        #expect(outcome.status == 1 && outcome.error.contains("no run records"), "\(outcome.error)")
    }
}
