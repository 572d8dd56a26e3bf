import Foundation
import Testing
@testable import GANNotesCLI

/// A JSON object's field by path, for reading an experiment's `--json` output.
private func field(_ object: Any?, _ path: String...) -> Any? {
    path.reduce(object) { ($0 as? [String: Any])?[$1] }
}

@Suite("Note 3 on the command line")
struct Note3Tests {
    @Test("dirac-gan: the table classifies every method from its run; --json carries trajectories and eigenvalues")
    func diracGAN() throws {
        let text = runCLI(["experiment", "dirac-gan"])
        #expect(text.status == 0, "\(text.error)")
        for name in ["gan", "ns-gan", "wgan-clip", "wgan-gp", "r1", "r2", "instance-noise", "consensus"] {
            // A table row, or on a terminal too narrow for the table (80 columns here), a "method: NAME" record.
            #expect(text.output.contains("\n" + name + " ") || text.output.contains("method: " + name + " "), "missing row \(name)")
        }
        #expect(text.output.contains("0.5i, -0.5i") && text.output.contains("Phase portraits"))

        let json = runCLI(["experiment", "dirac-gan", "--json", "--steps", "200", "--gamma", "0.5"])
        #expect(json.status == 0, "\(json.error)")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8))
        let methods = try #require(field(object, "methods") as? [[String: Any]])
        #expect(methods.count == 8)
        #expect(field(methods[0], "simultaneous", "behaviour") as? String == "diverges")
        #expect(field(methods[0], "alternating", "behaviour") as? String == "cycles")
        #expect(field(methods[4], "method") as? String == "r1" && field(methods[4], "setting") as? String == "gamma 0.5")
        #expect(field(methods[4], "alternating", "behaviour") as? String == "converges")
        #expect((field(methods[0], "simultaneous", "trajectory") as? [Any])?.count == 201)
    }

    @Test("began-control runs on ring8 and grid25 and reports the ratio, k and M_global; --json has one k per step")
    func beganControl() throws {
        let run = runCLI(["experiment", "began-control", "--quick", "--steps", "40", "--json"])
        #expect(run.status == 0, "\(run.error)")
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8))
        let runs = try #require(field(object, "runs") as? [[String: Any]])
        #expect(runs.map { $0["data"] as? String } == ["ring8", "grid25"])
        #expect((runs[0]["k"] as? [Double])?.count == 40)
        #expect(field(object, "lambdaK") as? Double == 0.01)

        let text = runCLI(["experiment", "began-control", "--quick", "--steps", "30", "--gamma", "0.7"])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("E[L(G(z))]/E[L(x)]") && text.output.contains("ring8: k_t") && text.output.contains("gamma 0.7"))
    }

    @Test("began-gamma has a row per gamma and per fixed k, and the rank correlations")
    func beganGamma() {
        let run = runCLI(["experiment", "began-gamma", "--quick", "--steps", "20"])
        #expect(run.status == 0, "\(run.error)")
        for label in ["gamma = 0.3", "gamma = 0.5", "gamma = 0.7", "gamma = 1.0", "k fixed at 0.0", "k fixed at 1.0"] {
            #expect(run.output.contains(label), "missing row \(label)")
        }
        #expect(run.output.contains("Spearman rho of gamma with spread"))
        #expect(run.output.contains("gamma 0.3 against gamma 1.0"))
    }

    @Test("bad values are one-line usage errors with exit status 2")
    func badInput() {
        for arguments in [["experiment", "dirac-gan", "--step-size", "-1"], ["experiment", "began-control", "--eta", "3"],
                          ["experiment", "began-gamma", "--gammas", "0.3,3"], ["experiment", "began-gamma", "--data", "nosuch"]] {
            let run = runCLI(arguments)
            #expect(run.status == 2 && run.errorIsOneLine, "\(arguments): \(run.error)")
        }
    }

    @Test("began, r1 and r2 are objectives that train accepts")
    func objectives() {
        let list = runCLI(["objectives"])
        for name in ["began", "r1", "r2"] { #expect(list.output.contains("\n" + name + " "), "missing \(name)") }
        let run = runCLI(["train", "--objective", "began", "--quick", "--steps", "20", "--quiet"])
        #expect(run.status == 0 && run.output.hasPrefix("final: "), "\(run.error)")
    }
}
