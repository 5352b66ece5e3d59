"""Los enlaces del admin que se abren en otra pestaña (los afiches para imprimir
de la ficha del trámite y de la pieza de afiches), sin base de datos."""

from sanpedro_gel.admin_ayudas import enlaces_en_pestana_nueva


def test_cada_par_es_un_enlace_en_otra_pestana_unidos_por_un_salto_de_linea():
    html = enlaces_en_pestana_nueva(
        [("Afiche: carta (PDF)", "/afiche/carta/"), ("Afiche: A4 (PDF)", "/afiche/a4/")]
    )

    assert html == (
        '<a href="/afiche/carta/" target="_blank">Afiche: carta (PDF)</a><br>'
        '<a href="/afiche/a4/" target="_blank">Afiche: A4 (PDF)</a>'
    )


def test_el_separador_se_elige_y_la_etiqueta_y_la_ruta_se_escapan():
    html = enlaces_en_pestana_nueva(
        [("<b>uno</b>", "/a?x=1&y=2"), ("dos", "/b/")], separador=" · "
    )

    assert html == (
        '<a href="/a?x=1&amp;y=2" target="_blank">&lt;b&gt;uno&lt;/b&gt;</a> · '
        '<a href="/b/" target="_blank">dos</a>'
    )


def test_sin_enlaces_no_queda_nada():
    assert enlaces_en_pestana_nueva([]) == ""
