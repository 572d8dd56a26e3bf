import Foundation
import Testing
@testable import GANNotesCLI

/// Outputs are checked before any work and written together; failed writes to the standard
/// streams end quietly; errors are one line.
@Suite("Outputs are planned, checked and committed together")
struct OutputSafetyTests {
    /// A train command line that would run for a while if the outputs were not refused first.
    static func train(_ outputs: [String]) -> [String] {
        ["train", "--objective", "gan", "--steps", "100000"] + outputs
    }

    @Test("outputs that name one file, an input, a directory, a link, a FIFO, a device or a missing folder are refused before training")
    func refusedOutputs() throws {
        let f = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        try "checkpoint".write(toFile: f + "/r.ckpt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: f + "/link.json", withDestinationPath: f + "/r.ckpt")
        try FileManager.default.linkItem(atPath: f + "/r.ckpt", toPath: f + "/hard.ckpt")
        mkfifo(f + "/fifo", 0o644)
        let cases: [([String], String)] = [
            (Self.train(["--json", f + "/p", "--save", f + "/p"]), "--json and --save both name"),
            (Self.train(["--json", f + "/p", "--svg", f + "/./p"]), "--json and --svg both name"),
            (["train", "--resume", f + "/r.ckpt", "--json", f + "/r.ckpt"], "is the file --resume reads"),
            (["train", "--resume", f + "/r.ckpt", "--save", f + "/hard.ckpt"], "is the file --resume reads"),
            (Self.train(["--svg", f]), "it is a directory; expected a file path"),
            (Self.train(["--svg", "."]), "it is a directory"),
            (Self.train(["--json", f + "/link.json"]), "it is a symbolic link"),
            (Self.train(["--json", f + "/fifo"]), "it is not a regular file"),
            (Self.train(["--json", "/dev/null"]), "it is not a regular file"),
            (Self.train(["--save", f + "/missing/run.ckpt"]), "no such directory"),
            (Self.train(["--save", f + "/" + String(repeating: "n", count: 300)]), "the limit is 255"),
            (Self.train(["--frames", "4"]), "--frames needs --svg"),
        ]
        for (arguments, message) in cases {
            let o = runCLI(arguments, tool: GANNotes())
            // The resume cases would fail on the checkpoint's content (exit 1) if the plan came second.
            #expect(o.status == 2 && o.error.contains(message) && o.output.isEmpty, "\(arguments): \(o.status) \(o.error)")
        }
        #expect(try String(contentsOfFile: f + "/r.ckpt", encoding: .utf8) == "checkpoint")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: f + "/link.json") == f + "/r.ckpt")
    }

    @Test("a failed write leaves every earlier file as it was and no temporary behind")
    func commitIsAllOrNothing() throws {
        let f = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        try FileManager.default.createDirectory(atPath: f + "/b", withIntermediateDirectories: false)
        try "old a".write(toFile: f + "/a.json", atomically: false, encoding: .utf8)
        let plan = try OutputPlan(command: "train", outputs: [("--json", f + "/a.json"), ("--svg", f + "/b/b.svg")], inputs: [])
        try FileManager.default.removeItem(atPath: f + "/b")   // the second output's folder goes away mid-run
        #expect(throws: AtomicFile.WriteError.self) { try plan.commit(["--json": Data("new".utf8), "--svg": Data("svg".utf8)]) }
        #expect(try String(contentsOfFile: f + "/a.json", encoding: .utf8) == "old a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f) == ["a.json"])
        #expect(try plan.commit(["--json": Data("new".utf8)]) == [f + "/a.json"])
        #expect(try String(contentsOfFile: f + "/a.json", encoding: .utf8) == "new")
    }

    @Test("a file name of 255 bytes is written (the temporary name is short)")
    func longNames() throws {
        let f = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        let path = f + "/" + String(repeating: "n", count: 250) + ".json"
        try AtomicFile.write("{}", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}")
    }

    @Test("temporaries of dead processes are removed when a plan is made; others are kept")
    func staleTemporaries() throws {
        let f = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        let dead = Int32.max - 7     // above every real pid_max, so no process has it
        let names = [".gan-notes-\(dead)-3.tmp", ".run.json.tmp-\(dead)-0F6B2C2E-8A0B-4B8B-9E0F-1C2D3E4F5A6B",
                     ".gan-notes-\(getpid())-999.tmp", ".gan-notes-notes.tmp", "keep.tmp", ".run.json.tmp-12"]
        for name in names { FileManager.default.createFile(atPath: f + "/" + name, contents: Data("x".utf8)) }
        _ = try OutputPlan(command: "train", outputs: [("--json", f + "/run.json")], inputs: [])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: f)) == Set(names.dropFirst(2)))
    }

    @Test("a write to a full or closed standard stream is remembered and drops the rest, without a trap")
    func failedStandardWrites() {
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        let stream = StandardStream(full)
        stream.write("hello\n")
        #expect(stream.failed)
        stream.write("more\n")
        let closed = StandardStream(-1)
        closed.write("x")
        #expect(closed.failed)
        let fine = StandardStream(open("/dev/null", O_WRONLY))
        fine.write(String(repeating: "y", count: 100_000))
        #expect(!fine.failed)
        close(fine.descriptor)
    }

    @Test("a value with a newline or an escape is shown escaped: every error is one line")
    func oneLineErrors() {
        #expect(UsageError.oneLine("unknown objective 'a\nb'") == "unknown objective 'a\\nb'")
        #expect(UsageError.oneLine("x\u{1B}[31m\ty\r") == "x\\u{1b}[31m\\ty\\r")
        let o = runCLI(["experiment", "zo"], tool: GANNotes())
        #expect(o.status == 2 && o.error.filter { $0 == "\n" }.count == 1, "\(o.error)")
    }

    @Test("train --step on a terminal stops at the end of input instead of running every step")
    func stepStopsAtEndOfInput() {
        let o = runCLI(["train", "--objective", "gan", "--quick", "--steps", "50", "--step", "--plots", "none"],
                       tool: GANNotes(), input: ["", ""], interactive: true)
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("stopped at step 2"), "\(o.output.suffix(300))")
    }
}
