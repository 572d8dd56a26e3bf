// The EquilibriumControl module; see docs/architecture.md.
