// The NeuralNet module; see docs/architecture.md.
