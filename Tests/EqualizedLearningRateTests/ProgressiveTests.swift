import Foundation
import Testing
import Autodiff
import Metrics
@testable import EqualizedLearningRate

/// A tiny architecture for tests: 2/2/2 channels, latent 3.
var tinyArchitecture: ProgressiveArchitecture {
    var a = ProgressiveArchitecture()
    a.latentSize = 3; a.channels = [2, 2, 2]
    return a
}

@Suite("Growth schedule")
struct GrowthScheduleTests {
    @Test("stable 4x4, then a fade and a stable phase per level; alpha rises linearly to exactly 1")
    func phases() {
        let s = GrowthSchedule(finalLevel: 2, stepsPerPhase: 4)
        #expect(s.phases.map { "\($0.phase.rawValue) \($0.level)" } == ["stable 0", "fade 1", "stable 1", "fade 2", "stable 2"])
        #expect(s.totalSteps == 20)
        #expect((0...4).map { s.stage(.fade, level: 1, step: $0).alpha } == [0, 0.25, 0.5, 0.75, 1])
        #expect(s.stage(.stable, level: 2, step: 1) == GrowthStage(level: 2))
        #expect(GrowthStage(level: 2).resolution == 16 && GrowthStage(level: 0).resolution == 4)
    }
}

@Suite("Progressive networks")
struct ProgressiveNetworkTests {
    @Test("G makes [N, 1, R, R] images and D one logit per image at every stage")
    func shapes() {
        var rng = SeededGenerator(seed: 1)
        let g = ProgressiveGenerator(tinyArchitecture, using: &rng)
        let d = ProgressiveDiscriminator(tinyArchitecture, using: &rng)
        let z = Variable(Tensor.randomNormal([4, 3], using: &rng))
        for stage in [GrowthStage(level: 0), GrowthStage(level: 1, alpha: 0.3), GrowthStage(level: 1), GrowthStage(level: 2, alpha: 0.5)] {
            let images = g(z, stage: stage)
            #expect(images.shape == [4, 1, stage.resolution, stage.resolution], "\(stage)")
            #expect(d(images, stage: stage).shape == [4, 1], "\(stage)")
        }
    }

    @Test("growing is continuous: at alpha 0 the grown G is the old G upsampled, the grown D the old D on pooled images", arguments: 0..<5)
    func fadeStartsWhereTheOldNetworkWas(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let g = ProgressiveGenerator(tinyArchitecture, using: &rng)
        let d = ProgressiveDiscriminator(tinyArchitecture, using: &rng)
        let z = Variable(Tensor.randomNormal([4, 3], using: &rng))
        for level in 1...2 {
            let old = g(z, stage: GrowthStage(level: level - 1)).value
            let new = g(z, stage: GrowthStage(level: level, alpha: 0)).value
            #expect(new == old.upsampledNearest(factor: 2), "seed \(seed), level \(level)")
            let images = Tensor.randomNormal([4, 1, 4 << level, 4 << level], using: &rng)
            let grown = d(Variable(images), stage: GrowthStage(level: level, alpha: 0)).value
            let before = d(Variable(images.averagePooled(factor: 2)), stage: GrowthStage(level: level - 1)).value
            #expect(grown.isApproximatelyEqual(to: before, relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "seed \(seed), level \(level)")
        }
    }

    @Test("the real images fade the same way: at alpha 0 they are the lower resolution upsampled", arguments: 0..<5)
    func realsFade(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let full = ShapeImages().sample(count: 3, using: &rng).images
        let start = ProgressiveGAN.realImages(full, stage: GrowthStage(level: 1, alpha: 0))
        #expect(start.isApproximatelyEqual(to: ShapeImages.downsampled(full, to: 4).upsampledNearest(factor: 2)))
        #expect(ProgressiveGAN.realImages(full, stage: GrowthStage(level: 2)) == full)
    }

    @Test("G's and D's parameter gradients agree with central differences in the middle of a fade", arguments: 0..<3)
    func gradients(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var arch = tinyArchitecture
        arch.channels = [2, 2]
        let g = ProgressiveGenerator(arch, using: &rng)
        let d = ProgressiveDiscriminator(arch, using: &rng)
        let z = Variable(Tensor.randomNormal([4, 3], using: &rng))
        let stage = GrowthStage(level: 1, alpha: 0.4)
        let result = GradientCheck.check({ (-d(g(z, stage: stage), stage: stage)).softplus().mean() }, wrt: g.parameters + d.parameters)
        #expect(result.passes(tolerance: 1e-6), "seed \(seed): \(result)")
    }

    @Test("blocks not yet grown get exactly zero gradient, so Adam leaves them untouched")
    func unusedBlocksStayPut() throws {
        var settings = ProgressiveGAN.Settings()
        settings.architecture = tinyArchitecture
        settings.batchSize = 4
        let gan = try ProgressiveGAN(settings: settings, seed: 2)
        let before = gan.generator.parameters.map(\.value) + gan.discriminator.parameters.map(\.value)
        try gan.trainStep(stage: GrowthStage(level: 1, alpha: 0.5))
        let after = gan.generator.parameters.map(\.value) + gan.discriminator.parameters.map(\.value)
        // The level-2 block and toRGB/fromRGB of G and D did not move; everything else did.
        let gBlock2 = Set(gan.generator.blocks[1].0.parameters.map(ObjectIdentifier.init) + gan.generator.blocks[1].1.parameters.map(ObjectIdentifier.init)
                          + gan.generator.toRGB[2].parameters.map(ObjectIdentifier.init))
        let dBlock2 = Set(gan.discriminator.blocks[1].0.parameters.map(ObjectIdentifier.init) + gan.discriminator.blocks[1].1.parameters.map(ObjectIdentifier.init)
                          + gan.discriminator.fromRGB[2].parameters.map(ObjectIdentifier.init))
        let all = gan.generator.parameters + gan.discriminator.parameters
        for (i, p) in all.enumerated() {
            let unused = gBlock2.contains(ObjectIdentifier(p)) || dBlock2.contains(ObjectIdentifier(p))
            #expect((before[i] == after[i]) == unused, "parameter \(i) of shape \(p.shape): unused \(unused)")
        }
    }

    @Test("a short run at 4x4 brings generated images closer to the data (sliced W1 down by a quarter or more)")
    func learnsAtFourByFour() throws {
        var settings = ProgressiveGAN.Settings()
        settings.architecture.channels = [8]
        settings.batchSize = 16
        let gan = try ProgressiveGAN(settings: settings, seed: 4)
        let stage = GrowthStage(level: 0)
        func distance() -> Double {
            var rng = SeededGenerator(seed: 77)
            let real = gan.realBatch(count: 128, stage: stage, using: &rng).reshaped([128, 16])
            let fake = gan.generate(Tensor.randomNormal([128, settings.architecture.latentSize], using: &rng), stage: stage).reshaped([128, 16])
            return slicedWasserstein1(fake, real, projections: 32, using: &rng)
        }
        let start = distance()
        for t in 1...60 { try gan.trainStep(stage: stage, step: t) }
        let end = distance()
        #expect(end < 0.75 * start, "sliced W1 \(start) -> \(end)")
    }
}

@Suite("Synthetic shape images")
struct ShapeImagesTests {
    @Test("values lie in [-1, 1], each image has background and a bright shape, and only the asked-for kinds appear", arguments: 0..<10)
    func values(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let kinds: [ShapeImages.Kind] = seed % 2 == 0 ? ShapeImages.Kind.allCases : [.ring]
        let (images, drawn) = ShapeImages(resolution: 16, kinds: kinds).sample(count: 12, using: &rng)
        #expect(images.shape == [12, 1, 16, 16])
        #expect(Set(drawn).isSubset(of: Set(kinds)))
        for i in 0..<12 {
            let pixels = images.slice(alongAxis: 0, i..<(i + 1)).scalars
            #expect(pixels.allSatisfy { $0 >= -1 && $0 <= 1 }, "seed \(seed), image \(i)")
            #expect(pixels.max()! > 0.5, "seed \(seed), image \(i) (\(drawn[i])) has no bright shape")
            #expect(pixels.filter { $0 < -0.99 }.count > 100, "seed \(seed), image \(i) (\(drawn[i])) has little background")
        }
    }

    @Test("a ring is dark at its centre and a blob is brightest there")
    func ringAndBlobCentres() {
        var rng = SeededGenerator(seed: 3)
        let rings = ShapeImages(kinds: [.ring]).sample(count: 20, using: &rng).images
        let blobs = ShapeImages(kinds: [.blob]).sample(count: 20, using: &rng).images
        // The centre of mass of the ink is the shape's centre; for a ring it lies on dark pixels.
        func centreValue(_ t: Tensor, _ i: Int) -> Double {
            var sx = 0.0, sy = 0.0, s = 0.0
            for y in 0..<16 { for x in 0..<16 { let w = t[i, 0, y, x] + 1; sx += w * Double(x); sy += w * Double(y); s += w } }
            return t[i, 0, Int((sy / s).rounded()), Int((sx / s).rounded())]
        }
        #expect((0..<20).allSatisfy { centreValue(rings, $0) < -0.5 })
        #expect((0..<20).allSatisfy { centreValue(blobs, $0) > 0.5 })
    }

    @Test("the same seed draws the same images")
    func deterministic() {
        var a = SeededGenerator(seed: 11), b = SeededGenerator(seed: 11)
        #expect(ShapeImages().sample(count: 5, using: &a).images == ShapeImages().sample(count: 5, using: &b).images)
    }
}

@Suite("Character images")
struct CharacterImageTests {
    @Test("the lowest value is a space, the highest '@', each pixel two characters wide")
    func lines() {
        #expect(CharacterImage.lines([[-1, 1], [1, -1]]) == ["  @@", "@@  "])
        #expect(CharacterImage.character(0) == "+")             // bin 5 of 10 on [-1, 1]
        #expect(CharacterImage.character(-5) == " " && CharacterImage.character(5) == "@")
        #expect(CharacterImage.character(.nan) == "?")
    }

    @Test("images side by side are top-aligned under their captions, with no trailing spaces")
    func row() {
        let text = CharacterImage.row([[[1, 1], [1, 1]], [[1]]], captions: ["ab", "c"], pixelWidth: 1, gap: 1)
        #expect(text == "ab c\n@@ @\n@@")
    }
}
