import Foundation
import Testing
@testable import GANNotesCLI

@Suite("gan-notes bench")
struct BenchCommandTests {
    @Test("--json --only matmul prints one JSON object per shape with the script's fields")
    func jsonLines() throws {
        let (io, captured) = IO.capture()
        let status = GANNotes().run(arguments: ["bench", "--json", "--quick", "--only", "matmul"], io: io)
        #expect(status == 0)
        let lines = captured.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        for (line, shape) in zip(lines, [(256, 512, 512), (256, 128, 128), (64, 64, 64)]) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "matmul")
            #expect(object["m"] as? Int == shape.0 && object["k"] as? Int == shape.1 && object["n"] as? Int == shape.2)
            #expect((object["gflops"] as? Double).map { $0 > 0 } == true)
        }
    }

    @Test("an unknown workload is a usage error")
    func unknownWorkload() {
        let (io, captured) = IO.capture()
        #expect(GANNotes().run(arguments: ["bench", "--only", "conv"], io: io) == 2)
        #expect(captured.standardError.contains("conv"))
    }
}
