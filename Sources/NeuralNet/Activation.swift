import Autodiff

/// An element-wise nonlinearity, by name (so a configuration or command line can choose it).
/// Its raw value is the name used on the command line and in run records.
public enum ActivationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case relu, leakyRelu = "leaky-relu", elu, tanh, sigmoid, softplus, identity

    /// The name accepted on the command line.
    public var name: String { rawValue }
    public init?(name: String) { self.init(rawValue: name) }

    /// The function itself; leaky ReLU uses slope 0.2, the usual GAN choice (DCGAN, Radford et al. 2016).
    public func apply(_ x: Variable) -> Variable {
        switch self {
        case .relu: x.relu()
        case .leakyRelu: x.leakyRelu(slope: 0.2)
        case .elu: x.elu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .softplus: x.softplus()
        case .identity: x
        }
    }
}

/// An activation as a layer without parameters.
public final class Activation: Layer {
    public let kind: ActivationKind
    public init(_ kind: ActivationKind) { self.kind = kind }
    public var parameters: [Variable] { [] }
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable { kind.apply(input) }
}
