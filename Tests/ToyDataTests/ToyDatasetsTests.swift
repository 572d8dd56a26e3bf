import Testing
import Autodiff
import ToyData

@Suite("The dataset registry")
struct ToyDatasetsTests {
    @Test("names are unique and each name finds its distribution")
    func namesAreUniqueAndFound() throws {
        let names = ToyDatasets.names
        #expect(Set(names).count == names.count)
        for name in ["ring8", "grid25", "8gaussians", "25gaussians", "swissroll", "moons", "circles",
                     "spiral", "checkerboard", "gaussian", "mixture1d"] {
            #expect(names.contains(name), "missing \(name)")
            #expect(try ToyDatasets.named(name).name == name)
        }
    }

    @Test("an unknown name throws an error that lists every accepted name")
    func unknownNameListsAcceptedNames() {
        #expect(throws: ToyDataError.unknownDataset("ring9", accepted: ToyDatasets.names)) {
            try ToyDatasets.named("ring9")
        }
        let message = ToyDataError.unknownDataset("ring9", accepted: ToyDatasets.names).description
        #expect(message.hasPrefix("unknown dataset 'ring9'; accepted: "))
        for name in ToyDatasets.names { #expect(message.contains(name), "\(name) missing from: \(message)") }
        #expect(!message.contains("\n"))
    }

    @Test("samples have shape [N, dimension] and labels in 0..<classCount", arguments: ToyDatasets.names)
    func shapesAndLabelRanges(name: String) throws {
        let data = try ToyDatasets.named(name)
        var rng = SeededGenerator(seed: 1)
        let batch = data.sample(count: 300, using: &rng)
        #expect(batch.points.shape == [300, data.dimension])
        #expect(batch.points.isFinite)
        #expect(batch.labels.allSatisfy { (0..<data.classCount).contains($0) })
        #expect(data.dimension == 1 || data.dimension == 2)
        #expect(!data.summary.isEmpty && !data.summary.contains("\n"))
        #expect(data.sample(count: 0, using: &rng).points.shape == [0, data.dimension])
        if let modes = data.modes {
            #expect(modes.count == data.classCount)
            #expect(modes.allSatisfy { $0.mean.count == data.dimension && $0.std > 0 })
            #expect(abs(modes.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
        }
    }

    @Test("same seed, same points bit for bit; different seeds, different points", arguments: ToyDatasets.names)
    func determinism(name: String) throws {
        let data = try ToyDatasets.named(name)
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = data.sample(count: 200, using: &a)
        let again = data.sample(count: 200, using: &b)
        let other = data.sample(count: 200, using: &c)
        #expect(first.points.scalars == again.points.scalars && first.labels == again.labels)
        #expect(first.points.scalars != other.points.scalars)
    }

    @Test("the Gaussian mixtures expose modes and densities; the others say which they lack")
    func modesAndDensities() throws {
        for name in ["ring8", "grid25", "8gaussians", "25gaussians", "gaussian", "mixture1d"] {
            let data = try ToyDatasets.named(name)
            #expect(data.modes != nil, "\(name) should have modes")
            #expect(data.density([Double](repeating: 0, count: data.dimension)) != nil, "\(name) should have a density")
        }
        for name in ["swissroll", "moons", "circles", "spiral", "checkerboard", "line"] {
            #expect(try ToyDatasets.named(name).modes == nil, "\(name) has no Gaussian modes")
        }
        #expect(try ToyDatasets.named("checkerboard").density([0.5, 0.5]) == 1.0 / 8)
        #expect(try ToyDatasets.named("moons").density([0, 0]) == nil)
    }
}
