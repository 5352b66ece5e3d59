"""Admin: revision."""
