// The MinibatchStdDev module; see docs/architecture.md.
