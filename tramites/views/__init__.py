"""Vistas de trámites: `publico` (fichas, consulta, verificación) y `ciudadano`
(formularios, Mis trámites, descargas)."""
