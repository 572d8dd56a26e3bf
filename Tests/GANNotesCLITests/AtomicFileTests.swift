import Foundation
import Testing
@testable import GANNotesCLI

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("Writes the text, replaces an existing file, and leaves no temporary file behind")
    func writesAndReplaces() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/run.json"

        try AtomicFile.write("{\"steps\": 1}\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"steps\": 1}\n")
        try AtomicFile.write("{\"steps\": 2000, \"é\": \"∇\"}\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"steps\": 2000, \"é\": \"∇\"}\n")
        try AtomicFile.write(Data(), to: folder + "/empty")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/empty")).isEmpty)

        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["empty", "run.json"])
    }

    @Test("Writes bytes exactly, for a file larger than one write")
    func largeBinary() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 3 MB of a byte pattern with no period of a power of two.
        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 251) })
        try AtomicFile.write(bytes, to: folder + "/model.ckpt")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/model.ckpt")) == bytes)
    }

    @Test("A path in a missing folder is one line naming the path, and nothing is created")
    func missingFolder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/no/such/run.json"
        #expect(throws: AtomicFile.WriteError(path: path, reason: "no such directory '\(folder)/no/such'")) {
            try AtomicFile.write("x", to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("Writing over a folder fails, names the path, and leaves the folder as it was")
    func overFolder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/figures", withIntermediateDirectories: false)
        do {
            try AtomicFile.write("x", to: folder + "/figures")
            Issue.record("writing over a folder should fail")
        } catch {
            #expect(error.description.hasPrefix("cannot write '\(folder)/figures': "))
            #expect(!error.description.contains("\n"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["figures"])
    }
}
