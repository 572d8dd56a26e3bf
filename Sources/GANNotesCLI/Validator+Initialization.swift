import NeuralNet

extension Validator {
    /// A weight initialisation by name (`Initialization(name:)`): `he`, `pytorch`, `xavier` or `normal:SD`.
    public static let initialization = Validator(
        kind: .text, valueName: "INIT", expected: Initialization.accepted
    ) { flag, value in
        Initialization(name: value) != nil ? nil
            : "\(flag) must be \(Initialization.accepted) (SD a positive number), got '\(value)'"
    }
}
