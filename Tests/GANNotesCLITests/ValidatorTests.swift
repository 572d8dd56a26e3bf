import Foundation
import Testing
@testable import GANNotesCLI

@Suite("Validators")
struct ValidatorTests {
    @Test("Integer ranges are described the way a person would say them")
    func integerDescriptions() {
        #expect(Validator.positiveInteger.expected == "a positive integer up to 10^7")
        #expect(Validator.nonNegativeInteger.expected == "a non-negative integer up to 10^7")
        #expect(Validator.integer(in: 2...Int.max).expected == "an integer >= 2")
        #expect(Validator.integer(in: -5...5).expected == "an integer from -5 to 5")
    }

    @Test("Number validators accept exactly the finite values of their set", arguments: [
        "-1", "-0.0", "0", "1e-300", "0.5", "1", "3", "inf", "-inf", "nan", "1e400", "x", "",
    ])
    func numbers(text: String) {
        let x = Double(text)
        let finite = x.map(\.isFinite) ?? false
        let cases: [(Validator, (Double) -> Bool)] = [
            (.finiteNumber, { _ in true }),
            (.positiveNumber, { $0 > 0 }),
            (.nonNegativeNumber, { $0 >= 0 }),
            (.number(in: 0...1), { 0 <= $0 && $0 <= 1 }),
        ]
        for (validator, inSet) in cases {
            let accepted = validator.problem("--x", text) == nil
            #expect(accepted == (finite && inSet(x!)), "'\(text)' for \(validator.expected)")
        }
    }

    @Test("A rejected value is named in the message, quoted when it is not a number")
    func messagesShowTheValue() {
        #expect(Validator.positiveInteger.problem("--steps", "0") == "--steps must be a positive integer up to 10^7, got 0")
        #expect(Validator.positiveInteger.problem("--steps", "ten") == "--steps must be a positive integer up to 10^7, got 'ten'")
        #expect(Validator.nonNegativeNumber.problem("--gp", "nan") == "--gp must be a finite non-negative number up to 1e6, got nan")
        #expect(Validator.path.problem("--json", "") == "--json must be a file path, got an empty string")
        #expect(Validator.text.problem("--note", "") == nil)
    }

    @Test("An existing-file option refuses a missing file and a folder")
    func existingFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeFile("x", at: "model.ckpt", in: folder)
        #expect(Validator.existingFile.problem("--resume", folder + "/model.ckpt") == nil)
        #expect(Validator.existingFile.problem("--resume", folder + "/missing.ckpt")
            == "--resume: no such file '\(folder)/missing.ckpt'; expected the path of an existing file")
        #expect(Validator.existingFile.problem("--resume", folder)?.contains("is a directory") == true)
    }
}
