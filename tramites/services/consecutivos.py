"""Números sin huecos: radicados, resoluciones, matrículas."""

from django.db import connection, transaction

from tramites.models import Consecutivo


def siguiente_numero(serie: str, anio: int) -> int:
    """Reserva y devuelve el siguiente número de (serie, año).

    Debe llamarse dentro de la transacción que usa el número. Una sola sentencia
    crea la fila o la incrementa y devuelve el valor: en PostgreSQL la fila queda
    bloqueada hasta el commit, así que dos radicaciones simultáneas esperan su
    turno; si la transacción se revierte, el número se libera y no hay huecos.
    Nunca `max()+1` (dos lectores ven el mismo máximo) ni una secuencia (los
    rollbacks dejan huecos).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "siguiente_numero() debe llamarse dentro de transaction.atomic()."
        )
    tabla = connection.ops.quote_name(Consecutivo._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {tabla} (serie, anio, ultimo) VALUES (%s, %s, 1)
            ON CONFLICT (serie, anio) DO UPDATE SET ultimo = {tabla}.ultimo + 1
            RETURNING ultimo
            """,
            [serie, anio],
        )
        return cursor.fetchone()[0]
