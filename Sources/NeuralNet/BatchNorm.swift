import Autodiff

/// Batch normalisation over the batch axis of `[N, F]` features (Ioffe and Szegedy 2015):
///
/// ```
/// training:  y = gamma * (x - mean_B(x)) / sqrt(var_B(x) + eps) + beta
///            running_mean <- (1 - momentum) running_mean + momentum mean_B(x)
///            running_var  <- (1 - momentum) running_var  + momentum var_B(x) * N / (N - 1)
/// evaluation: y = gamma * (x - running_mean) / sqrt(running_var + eps) + beta
/// ```
///
/// `var_B` is the biased batch variance (divide by N) in the normalisation and the unbiased one in
/// the running average, as in PyTorch. Defaults are PyTorch's: `eps = 1e-5`, `momentum = 0.1`.
/// `eps` is a small number that guards the square root; a popular GAN collection passes 0.8 as the
/// second positional argument meaning Keras' momentum, which makes it `eps = 0.8` and flattens
/// every normalised activation (see docs/pitfalls.md).
public final class BatchNorm: Layer {
    /// `[F]` scale and shift.
    public let gamma: Variable, beta: Variable
    /// `[F]` running statistics, used in evaluation mode.
    public private(set) var runningMean: Tensor, runningVariance: Tensor
    public let epsilon: Double, momentum: Double

    public init(features: Int, epsilon: Double = 1e-5, momentum: Double = 0.1) {
        precondition(features > 0, "BatchNorm: features must be positive, got \(features)")
        precondition(epsilon > 0 && momentum >= 0 && momentum <= 1,
                     "BatchNorm: need epsilon > 0 and momentum in [0, 1], got \(epsilon), \(momentum)")
        gamma = Variable(parameter: .ones([features]))
        beta = Variable(parameter: .zeros([features]))
        runningMean = .zeros([features]); runningVariance = .ones([features])
        self.epsilon = epsilon; self.momentum = momentum
    }

    public var parameters: [Variable] { [gamma, beta] }
    public var buffers: [Tensor] {
        get { [runningMean, runningVariance] }
        set {
            precondition(newValue.count == 2 && newValue[0].shape == runningMean.shape && newValue[1].shape == runningVariance.shape,
                         "BatchNorm: buffers must be [running mean, running variance] of shape \(runningMean.shape)")
            runningMean = newValue[0]; runningVariance = newValue[1]
        }
    }

    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        precondition(input.rank == 2 && input.shape[1] == gamma.shape[0],
                     "BatchNorm: expected [N, \(gamma.shape[0])], got \(input.shape)")
        if training {
            let n = Double(input.shape[0])
            precondition(n > 1, "BatchNorm: training mode needs a batch of at least 2 to estimate a variance")
            let mean = input.mean(alongAxes: [0])                          // [F]
            let centred = input - mean                                     // [N, F]
            let variance = centred.square().mean(alongAxes: [0])           // [F] biased
            runningMean = runningMean * (1 - momentum) + mean.value * momentum
            runningVariance = runningVariance * (1 - momentum) + variance.value * (momentum * n / (n - 1))
            return centred / (variance + epsilon).sqrt() * gamma + beta
        }
        let scale = (runningVariance + epsilon).sqrt()
        return (input - runningMean) / scale * gamma + beta
    }
}
