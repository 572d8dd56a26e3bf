// The ToyData module; see docs/architecture.md.
