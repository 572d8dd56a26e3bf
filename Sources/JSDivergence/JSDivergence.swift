// The JSDivergence module; see docs/architecture.md.
