import Foundation
import Testing
@testable import NeuralNet

@Suite("Initialisations by name")
struct InitializationTextTests {
    @Test("each name reads back to the initialisation it names",
          arguments: [("he", Initialization.he()), ("pytorch", .pytorchDefault), ("xavier", .xavier),
                      ("normal:0.02", .normal(std: 0.02)), ("normal:1.5", .normal(std: 1.5))])
    func roundTrip(name: String, value: Initialization) throws {
        #expect(Initialization(name: name) == value)
        #expect(value.description == name)
        let json = try JSONEncoder().encode([value])
        #expect(try JSONDecoder().decode([Initialization].self, from: json) == [value])
    }

    @Test("other names are refused", arguments: ["", "He", "normal", "normal:", "normal:0", "normal:-1", "normal:nan", "normal:inf", "kaiming"])
    func refused(name: String) {
        #expect(Initialization(name: name) == nil, "'\(name)'")
        #expect((try? JSONDecoder().decode([Initialization].self, from: Data("[\"\(name)\"]".utf8))) == nil)
    }
}
