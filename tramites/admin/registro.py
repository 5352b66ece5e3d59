"""Admin: registro."""
