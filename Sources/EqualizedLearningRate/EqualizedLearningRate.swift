// The EqualizedLearningRate module; see docs/architecture.md.
