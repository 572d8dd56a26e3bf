import Foundation
import Testing
@testable import GANNotesCLI

@Suite("Note 5 on the command line")
struct Note5Tests {
    static let note5Objectives = ["lsgan", "lsgan-pearson", "bgan", "rsgan", "ragan", "ebgan", "softmax-gan", "hinge", "pacgan"]

    @Test("every objective of the catalogue of variants is registered, and the zoo takes them after those of notes 1 to 3")
    func registered() {
        let names = ObjectiveCatalogue.names
        for name in Self.note5Objectives { #expect(names.contains(name), "\(name) is not registered") }
        #expect(Set(names).count == names.count, "duplicate objective names: \(names)")
        let zoo = ObjectiveCatalogue.zooMakers.map { $0().name }
        // Notes 1 to 3 first (whichever have landed), then this note's, each once.
        #expect(zoo.suffix(Self.note5Objectives.count) == Self.note5Objectives[...])
        #expect(zoo.dropLast(Self.note5Objectives.count).allSatisfy { ["gan", "wgan-gp", "began"].contains($0) })
        #expect(zoo.contains("gan") == names.contains("gan"))
    }

    @Test("the packed and the autoencoder discriminators train through the shared trainer, heat map and generator view included",
          arguments: ["pacgan", "ebgan"])
    func trainsThroughTheTrainer(objective: String) {
        let o = runCLI(["train", "--objective", objective, "--quick", "--steps", "6", "--plots", "all"])
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("final: modes"), "\(o.output)")
    }

    @Test("the zoo's result as JSON: one row per objective and dataset, the data's own scores, PacGAN's rows for that dataset")
    func zooJSON() throws {
        let o = runCLI(["experiment", "zoo", "--quick", "--json", "--data", "ring8", "--objectives", "lsgan,pacgan"])
        #expect(o.status == 0, "\(o.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(o.output.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["objective"] as? String } == ["lsgan", "pacgan"])
        #expect(rows.allSatisfy { ($0["runs"] as? [Any])?.count == 1 && $0["dataset"] as? String == "ring8" })
        let published = try #require(json["published"] as? [[String: Any]])
        #expect(published.map { $0["method"] as? String } == ["GAN", "PacGAN4"])
        #expect(published.map { $0["modes_covered"] as? Double } == [6.3, 7.8])
        #expect((json["data_reference"] as? [[String: Any]])?.first?["modes_covered"] as? Int == 8)
    }

    @Test("the zoo's text shows every objective and the published rows")
    func zooText() {
        let o = runCLI(["experiment", "zoo", "--quick", "--data", "grid25", "--objectives", "hinge"])
        #expect(o.status == 0, "\(o.error)")
        #expect(o.output.contains("hinge ") && o.output.contains("/ 25"))
        #expect(o.output.contains("GAN, published      17.3") && o.output.contains("PacGAN4, published  24.8"))
        #expect(o.output.contains("(the data itself)"))
    }

    @Test("packing's --width and --batch reach the runs, and sharpness reads at a tenth, a fifth, half and all of --steps")
    func packingSizesAndSharpnessReadings() throws {
        let o = runCLI(["experiment", "packing", "--quick", "--json", "--width", "8", "--batch", "24", "--steps", "3"])
        #expect(o.status == 0, "\(o.error)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(o.output.utf8)) as? [String: Any])
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["width"] as? Int == 8 && settings["batch_size"] as? Int == 24, "\(settings)")
        let sharp = runCLI(["experiment", "sharpness", "--quick", "--json", "--steps", "40"])
        #expect(sharp.status == 0, "\(sharp.error)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(sharp.output.utf8)) as? [String: Any])
        let readings = try #require(result["readings"] as? [[String: Any]])
        #expect(readings.map { $0["step"] as? Int } == [4, 8, 20, 40])
    }

    @Test("bad input to note 5's experiments: one line, exit status 2", arguments: [
        (["experiment", "zoo", "--data", "moons"], "no known modes"),
        (["experiment", "zoo", "--data", "ring9"], "unknown dataset 'ring9'"),
        (["experiment", "zoo", "--objectives", "lsgan,nope"], "unknown objective 'nope'"),
        (["experiment", "control", "--data", "circles"], "has no known modes"),
        (["experiment", "translation", "--weights", "10"], "--weights expects pairs like 10:5,0:0"),
        (["experiment", "translation", "--to", "nowhere"], "unknown dataset 'nowhere'"),
        (["experiment", "translation", "--to", "mixture1d"], "the same dimension"),
        (["experiment", "semi-supervised", "--data", "gaussian"], "has a single label"),
        (["experiment", "encoders", "--steps", "0"], "--steps"),
        (["experiment", "packing", "--batch", "4"], "--batch must be an integer from 8 to 4096, got 4"),
        (["experiment", "sharpness", "--data", "moons"], "unknown dataset 'moons'"),
    ])
    func badInput(arguments: [String], fragment: String) {
        let o = runCLI(arguments + ["--quick"])
        #expect(o.status == 2 && o.errorIsOneLine, "\(arguments): \(o.error)")
        #expect(o.error.contains(fragment), "\(arguments): \(o.error)")
    }
}
