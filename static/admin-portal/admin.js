/* Nombres accesibles que el admin de Django y select2 no ponen.
 *
 * Los widgets que Django arma con JavaScript (el filtro horizontal, el
 * autocompletado) y los campos de las listas editables y de fecha y hora no
 * tienen nombre para un lector de pantalla. Se completan en cuanto aparecen.
 */
(function () {
  "use strict";

  function textoDeEtiqueta(id) {
    var etiqueta = id && document.querySelector('label[for="' + id + '"]');
    return etiqueta ? etiqueta.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function nombrar(elemento, nombre) {
    if (nombre && !elemento.getAttribute("aria-label")) {
      elemento.setAttribute("aria-label", nombre);
    }
  }

  function completar(raiz) {
    // Íconos con aria-label sin un rol que lo admita (filtro horizontal).
    raiz.querySelectorAll("span[aria-label]:not([role])").forEach(function (icono) {
      icono.setAttribute("role", "img");
    });
    // select2: la caja que abre la lista lleva el nombre del campo.
    raiz.querySelectorAll(".select2-container").forEach(function (caja) {
      var select = caja.previousElementSibling;
      var nombre = select ? textoDeEtiqueta(select.id) : "";
      caja.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (el) {
        nombrar(el, nombre);
      });
    });
    // Fecha y hora por separado: «Vigente desde (fecha)» y «(hora)».
    raiz.querySelectorAll("p.datetime").forEach(function (parrafo) {
      var campos = parrafo.querySelectorAll("input:not([type=hidden])");
      var base = campos.length ? textoDeEtiqueta(campos[0].id) ||
        textoDeEtiqueta(campos[0].id.replace(/_0$/, "")) : "";
      if (!base) {
        var leyenda = parrafo.closest("fieldset");
        leyenda = leyenda && leyenda.querySelector("legend");
        base = leyenda ? leyenda.textContent.trim() : "";
      }
      campos.forEach(function (campo, indice) {
        nombrar(campo, base + (indice === 0 ? " (fecha)" : " (hora)"));
      });
    });
    // Tablas con campos (listas editables, líneas de un formulario): «<columna>
    // de <fila>», o «<columna>, fila <n>» si la fila aún no tiene nombre.
    raiz.querySelectorAll("#content table").forEach(function (tabla) {
      var cabezas = tabla.querySelectorAll("thead th");
      tabla.querySelectorAll("tbody tr").forEach(function (fila, numero) {
        var primera = fila.querySelector("th, td.original p");
        var deFila = primera ? primera.textContent.trim() : "";
        fila.querySelectorAll(
          "td input:not([type=hidden]), td select, td textarea"
        ).forEach(function (campo) {
          if (campo.classList.contains("action-select") || textoDeEtiqueta(campo.id)) return;
          var celda = campo.closest("td");
          var cabeza = cabezas[Array.prototype.indexOf.call(fila.children, celda)];
          var columna = cabeza ? cabeza.textContent.trim() : campo.name;
          nombrar(campo, columna + (deFila ? " de " + deFila : ", fila " + (numero + 1)));
        });
      });
    });
  }

  new MutationObserver(function () { completar(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { completar(document); });
})();
