/// Initialisations by name, as the command line and run records write them:
///
/// ```
/// he            He et al. 2015 (the default), gain sqrt(2) on hidden layers, 1 on the output layer
/// pytorch       PyTorch's nn.Linear default, W and b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
/// xavier        Glorot and Bengio 2010, uniform
/// normal:SD     W ~ N(0, SD^2), b = 0   (normal:0.02 is DCGAN's and PacGAN's)
/// ```
///
/// `he` names `.he(gain: sqrt 2)`, the only He gain a network builder is given; an MLP turns it
/// into gain 1 for its output layer itself.
extension Initialization: CustomStringConvertible, Codable {
    /// `nil` for anything but the forms above (a standard deviation must be positive and finite).
    public init?(name: String) {
        switch name {
        case "he": self = .he()
        case "pytorch": self = .pytorchDefault
        case "xavier": self = .xavier
        default:
            guard name.hasPrefix("normal:"), let sd = Double(name.dropFirst("normal:".count)),
                  sd > 0, sd.isFinite else { return nil }
            self = .normal(std: sd)
        }
    }

    /// The name `init(name:)` reads back; a He gain other than sqrt 2 is written `he:GAIN`,
    /// which is for display only.
    public var description: String {
        switch self {
        case .he(let gain): gain == 2.0.squareRoot() ? "he" : "he:\(gain)"
        case .xavier: "xavier"
        case .normal(let std): "normal:\(std)"
        case .pytorchDefault: "pytorch"
        }
    }

    /// The names accepted, as help and error messages list them.
    public static let accepted = "he, pytorch, xavier or normal:SD"

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Initialization(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown initialisation '\(text)'; expected \(Initialization.accepted)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
