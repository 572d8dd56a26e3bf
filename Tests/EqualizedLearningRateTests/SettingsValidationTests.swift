import Testing
import Training
@testable import EqualizedLearningRate

@Suite("The equalized-lr experiment's settings are validated")
struct SettingsValidationTests {
    @Test("a hidden width whose memory estimate passes 2 GiB is refused with the estimate; the defaults pass")
    func hiddenWidthBounded() throws {
        try EqualizedLearningRateExperiment.Settings().validate()
        try EqualizedLearningRateExperiment.Settings.quick.validate()
        for hidden in [Int.max / 4, 1_000_000_000, 20_000_000] {
            var s = EqualizedLearningRateExperiment.Settings()
            s.widths[1] = hidden
            #expect(throws: TrainingError.self) { try s.validate() }
            do { try s.validate() } catch let TrainingError.invalidConfig(m) {
                #expect(m.contains("GB") && m.contains("--hidden"), "\(m)")
            }
        }
        var fits = EqualizedLearningRateExperiment.Settings()
        fits.widths[1] = 100_000
        try fits.validate()          // 100k wide: about 0.3 GB, allowed
        #expect(fits.estimatedBytes > 1e8 && fits.estimatedBytes < 1e9)
    }
}
