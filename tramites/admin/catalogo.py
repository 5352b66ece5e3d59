"""Admin: catalogo."""
