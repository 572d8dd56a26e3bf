import Foundation
import Testing
@testable import GANNotesCLI

@Suite("Note 4 on the command line")
struct Note4Tests {
    @Test("the four experiments are listed under note 4, and gan-mbstd is an objective")
    func listed() {
        let o = runCLI(["experiment"], tool: GANNotes())
        #expect(o.status == 0)
        for name in ["minibatch-stddev", "equalized-lr", "pixel-norm", "progressive"] {
            #expect(o.output.contains("4     \(name)") || o.output.contains("4  \(name)"), "\(name) missing")
        }
        #expect(runCLI(["objectives"], tool: GANNotes()).output.contains("gan-mbstd"))
    }

    @Test("each experiment runs in quick mode and prints its report", arguments: [
        ("minibatch-stddev", "MLP + minibatch stddev"),
        ("equalized-lr", "spread"),
        ("pixel-norm", "peak hidden RMS"),
        ("progressive", "fading in 16x16, start (16x16, alpha 0.00"),
    ])
    func quickRuns(_ name: String, _ fragment: String) {
        let o = runCLI(["experiment", name, "--quick"], tool: GANNotes())
        #expect(o.status == 0, "\(name): \(o.error)")
        #expect(o.output.contains(fragment), "\(name)")
    }

    @Test("--json prints the result value")
    func json() throws {
        let o = runCLI(["experiment", "equalized-lr", "--quick", "--json"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        let value = try #require(JSONSerialization.jsonObject(with: Data(o.output.utf8)) as? [String: Any])
        #expect(Set(value.keys) == ["settings", "windowEnds", "variants", "initialOutputDifference"])
    }

    /// Without the layer the 4x4 block's first convolution reads C0 feature maps instead of C0 + 1:
    /// 3 x 3 x C0 fewer weights (C0 = 8 in quick mode).
    @Test("progressive --group-size 0 trains D without the minibatch-stddev layer")
    func progressiveWithoutTheLayer() throws {
        func run(_ extra: [String]) throws -> [String: Any] {
            let o = runCLI(["experiment", "progressive", "--quick", "--json"] + extra, tool: GANNotes())
            #expect(o.status == 0, "\(o.error)")
            return try #require(JSONSerialization.jsonObject(with: Data(o.output.utf8)) as? [String: Any])
        }
        func discriminatorWeights(_ v: [String: Any]) throws -> Int {
            try #require((v["parameterCounts"] as? [String: Any])?["discriminator"] as? Int)
        }
        let with = try run([]), without = try run(["--group-size", "0"])
        #expect(try discriminatorWeights(with) - discriminatorWeights(without) == 9 * 8)
        let architecture = ((without["settings"] as? [String: Any])?["gan"] as? [String: Any])?["architecture"] as? [String: Any]
        #expect(architecture?["stddevGroupSize"] as? Int == 0)
    }

    @Test("bad values are one line and exit status 2", arguments: [
        ["experiment", "minibatch-stddev", "--group-size", "0"],
        ["experiment", "minibatch-stddev", "--objective", "gan-mbstd"],
        ["experiment", "minibatch-stddev", "--data", "swissroll"],
        ["experiment", "progressive", "--kinds", "star"],
        ["experiment", "progressive", "--group-size", "65"],
        ["experiment", "pixel-norm", "--data", "nowhere"],
    ])
    func badInput(_ arguments: [String]) {
        let o = runCLI(arguments, tool: GANNotes())
        #expect(o.status == 2, "\(arguments): \(o.output)")
        #expect(o.errorIsOneLine, "\(arguments): \(o.error)")
    }

    @Test("train accepts the gan-mbstd objective")
    func trainWithTheLayer() {
        let o = runCLI(["train", "--objective", "gan-mbstd", "--data", "ring8", "--quick", "--steps", "10", "--plots", "none"], tool: GANNotes())
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("final: modes "))
    }
}
