"""El estado del registro de Industria y Comercio: su tabla (sin base de datos) y
su único escritor, con su versión en el historial; y la versión que deja toda
otra escritura del registro."""

from datetime import date

import pytest

from sanpedro_gel.excepciones import ConflictoDeEstado, TransicionInvalida
from tests.factories import ContribuyenteFactory
from tests.tramites.test_importaciones import BAR, csv_registro
from tramites import estados
from tramites.models import Contribuyente, EstadoRegistro
from tramites.services.importacion import importar_registro_ica, leer_csv
from tramites.services.registro import cambiar_estado_registro, guardar_version

ACTIVO, CANCELADO = EstadoRegistro.ACTIVO, EstadoRegistro.CANCELADO


def test_la_tabla_del_registro():
    assert estados.REGISTRO.destinos(ACTIVO) == {CANCELADO}
    assert estados.REGISTRO.destinos(CANCELADO) == {ACTIVO}
    assert set(estados.REGISTRO.transiciones) == set(EstadoRegistro)
    with pytest.raises(TransicionInvalida, match="«Activo» no puede pasar a «Activo»"):
        estados.REGISTRO.validar(ACTIVO, ACTIVO)


@pytest.mark.django_db
def test_cancelar_deja_la_version_con_quien_y_por_que(revisor_hacienda):
    contribuyente = ContribuyenteFactory()
    filas = cambiar_estado_registro(
        contribuyente=contribuyente,
        destino=CANCELADO,
        actor=revisor_hacienda,
        motivo="Cese de actividades, radicado NOV-2026-000001",
        cancelado_el=date(2026, 6, 30),
    )
    assert filas == [
        ("Estado", "Activo", "Cancelado"),
        ("Fecha de cancelación", "—", "30/06/2026"),
    ]
    contribuyente.refresh_from_db()
    assert contribuyente.estado == CANCELADO
    assert contribuyente.cancelado_el == date(2026, 6, 30)
    version = contribuyente.history.latest("history_date")
    assert (version.estado, version.history_user) == (CANCELADO, revisor_hacienda)
    assert version.history_change_reason.startswith("Cese de actividades")


@pytest.mark.django_db
def test_si_otro_lo_cambio_es_un_conflicto_y_no_deja_version():
    contribuyente = ContribuyenteFactory()
    visto = Contribuyente.objects.get(pk=contribuyente.pk)
    cambiar_estado_registro(
        contribuyente=contribuyente, destino=CANCELADO, actor=None, motivo="Primero"
    )
    versiones = contribuyente.history.count()
    with pytest.raises(ConflictoDeEstado):
        cambiar_estado_registro(
            contribuyente=visto, destino=CANCELADO, actor=None, motivo="Tarde"
        )
    assert contribuyente.history.count() == versiones


@pytest.mark.django_db
def test_la_importacion_cancela_y_reactiva_por_el_mismo_escritor(ciiu):
    importar_registro_ica(leer_csv(csv_registro(BAR)))
    con_estado = csv_registro(BAR).replace("aforo\n", "aforo,estado\n", 1)
    activo = con_estado.replace(",80\n", ",80,ACTIVO\n")
    cancelado = con_estado.replace(",80\n", ",80,CANCELADO\n")

    resultado = importar_registro_ica(leer_csv(cancelado))
    assert resultado.actualizados == 1 and resultado.errores == []
    bar = Contribuyente.objects.get(matricula="ICA-000098")
    assert bar.estado == CANCELADO
    version = bar.history.latest("history_date")
    assert version.history_change_reason == "Importación del registro anterior"

    assert importar_registro_ica(leer_csv(activo)).actualizados == 1
    assert Contribuyente.objects.get(pk=bar.pk).estado == ACTIVO
    # Importar otra vez el mismo archivo no cambia nada ni deja versión.
    versiones = bar.history.count()
    assert importar_registro_ica(leer_csv(activo)).sin_cambios == 1
    assert bar.history.count() == versiones


@pytest.mark.django_db
def test_guardar_version_deja_quien_y_por_que_con_el_motivo_recortado(
    revisor_hacienda,
):
    contribuyente = ContribuyenteFactory()
    contribuyente.correo = "nuevo@correo.test"
    motivo = "Novedad NOV-2026-000002: " + "cambio de datos de contacto " * 5

    guardar_version(contribuyente, actor=revisor_hacienda, motivo=motivo)

    version = contribuyente.history.latest("history_date")
    assert version.correo == "nuevo@correo.test"
    assert version.history_user == revisor_hacienda
    # La columna del motivo en simple-history tiene 100 caracteres.
    assert version.history_change_reason == motivo[:100]
    assert Contribuyente.objects.get(pk=contribuyente.pk).correo == version.correo
