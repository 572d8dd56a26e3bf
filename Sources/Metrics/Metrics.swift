// The Metrics module; see docs/architecture.md.
