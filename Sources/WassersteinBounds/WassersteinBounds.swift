// The WassersteinBounds module; see docs/architecture.md.
