// The Training module; see docs/architecture.md.
