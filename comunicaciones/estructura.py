"""La estructura del plan de comunicaciones (seed): sus niveles, los tres
componentes del nivel interno y las actividades 1–9. Pura: sin base de datos.

El plan la fija; la capacitación la usa para nombrar los temas de cada
jornada, y el tablero del plan la recorre en este orden.
"""

INSTITUCIONAL = "Institucional"
TECNOLOGICO = "Tecnológico"
DEMANDA = "Demanda"

COMPONENTES = (INSTITUCIONAL, TECNOLOGICO, DEMANDA)

# número → (componente, nombre)
ACTIVIDADES: dict[int, tuple[str, str]] = {
    1: (INSTITUCIONAL, "Barreras normativas locales: ajuste al Estatuto Tributario"),
    2: (INSTITUCIONAL, "Revisión del procedimiento administrativo del trámite"),
    3: (INSTITUCIONAL, "Roles: funcionarios responsables del trámite"),
    4: (INSTITUCIONAL, "Funciones: actualización del manual de funciones"),
    5: (TECNOLOGICO, "Presentación general de la herramienta tecnológica"),
    6: (TECNOLOGICO, "Roles en la herramienta: usuarios y contraseñas"),
    7: (TECNOLOGICO, "Taller técnico para administradores de la herramienta"),
    8: (DEMANDA, "Plan de comunicaciones: presentación y adopción"),
    9: (DEMANDA, "Socialización del trámite en línea con el personal y la comunidad"),
}
