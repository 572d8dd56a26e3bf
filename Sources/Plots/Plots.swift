// The Plots module; see docs/architecture.md.
