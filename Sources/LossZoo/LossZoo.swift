// The LossZoo module; see docs/architecture.md.
