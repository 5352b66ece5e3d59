// Comportamiento común del portal. Todo funciona sin JavaScript; esto solo mejora.
(function () {
  "use strict";
  var raiz = document.documentElement;
  var MIN = -1, MAX = 3;

  function guardar(clave, valor) {
    try { valor === null ? localStorage.removeItem(clave) : localStorage.setItem(clave, valor); } catch (e) {}
  }

  function tamanoActual() { return parseInt(raiz.getAttribute("data-tamano") || "0", 10); }

  function aplicarTamano(valor) {
    valor = Math.max(MIN, Math.min(MAX, valor));
    if (valor === 0) { raiz.removeAttribute("data-tamano"); guardar("portal.tamano", null); }
    else { raiz.setAttribute("data-tamano", String(valor)); guardar("portal.tamano", String(valor)); }
  }

  function refrescarBotones() {
    var contraste = document.querySelector("[data-accesibilidad='contraste']");
    if (contraste) contraste.setAttribute("aria-pressed", raiz.classList.contains("alto-contraste") ? "true" : "false");
  }

  document.addEventListener("click", function (evento) {
    var boton = evento.target.closest("[data-accesibilidad]");
    if (!boton) return;
    var accion = boton.getAttribute("data-accesibilidad");
    if (accion === "contraste") {
      var activo = raiz.classList.toggle("alto-contraste");
      guardar("portal.contraste", activo ? "alto" : null);
    } else if (accion === "mas") {
      aplicarTamano(tamanoActual() + 1);
    } else if (accion === "menos") {
      aplicarTamano(tamanoActual() - 1);
    } else if (accion === "normal") {
      aplicarTamano(0);
    }
    refrescarBotones();
  });

  document.addEventListener("DOMContentLoaded", function () {
    refrescarBotones();
    // El resumen de errores recibe el foco para que el lector de pantalla lo anuncie.
    var resumen = document.getElementById("resumen-errores");
    if (resumen) resumen.focus();
  });
})();
