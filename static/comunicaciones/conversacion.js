// Conversación en vivo: trae los mensajes nuevos cada pocos segundos (sondeo
// corto, sin websockets). Todo se pone como texto: nada del mensaje se
// interpreta como HTML. Sin JavaScript, la página se recarga con su botón.
(function () {
  "use strict";
  var INTERVALO = 3000;

  function cabecera() {
    var p = document.createElement("p");
    p.className = "small mb-1";
    return p;
  }

  function agregar(lista, caja, mensaje) {
    if (lista.querySelector("[data-id='" + mensaje.id + "']")) return;
    var li = document.createElement("li");
    li.className = "border rounded p-2 mb-2" + (mensaje.de_la_alcaldia ? " bg-light" : "");
    li.setAttribute("data-id", String(mensaje.id));
    var cabeza = cabecera();
    var quien = document.createElement("strong");
    quien.textContent = mensaje.de_la_alcaldia
      ? caja.getAttribute("data-etiqueta-alcaldia")
      : caja.getAttribute("data-etiqueta-ciudadano");
    cabeza.appendChild(quien);
    cabeza.appendChild(document.createTextNode(", " + mensaje.hora));
    var cuerpo = document.createElement("p");
    cuerpo.className = "mb-0 texto-mensaje";
    cuerpo.textContent = mensaje.texto;
    li.appendChild(cabeza);
    li.appendChild(cuerpo);
    lista.appendChild(li);
    lista.scrollTop = lista.scrollHeight;
  }

  function sondearConversacion(caja) {
    var lista = caja.querySelector("[data-mensajes]");
    var aviso = caja.querySelector("[data-aviso]");
    var ultimo = parseInt(caja.getAttribute("data-ultimo") || "0", 10);
    if (caja.getAttribute("data-abierta") !== "si") return;
    lista.scrollTop = lista.scrollHeight;

    function pedir() {
      fetch(caja.getAttribute("data-url") + "?despues=" + ultimo, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store"
      })
        .then(function (respuesta) { return respuesta.ok ? respuesta.json() : null; })
        .then(function (datos) {
          if (!datos) return;
          datos.mensajes.forEach(function (mensaje) {
            agregar(lista, caja, mensaje);
            if (mensaje.id > ultimo) ultimo = mensaje.id;
            if (mensaje.de_la_alcaldia && aviso) aviso.textContent = "";
          });
          if (!datos.abierta) {
            if (aviso) aviso.textContent = "La conversación terminó.";
            return;
          }
          window.setTimeout(pedir, INTERVALO);
        })
        .catch(function () { window.setTimeout(pedir, INTERVALO * 3); });
    }
    window.setTimeout(pedir, INTERVALO);
  }

  // La cola del admin: las conversaciones que esperan respuesta. Cada sondeo
  // renueva el turno del funcionario.
  function sondearCola(cola) {
    var lista = cola.querySelector("[data-esperando]");
    var vacia = cola.querySelector("[data-sin-espera]");
    var turno = document.querySelector("[data-estado-turno]");

    function pintar(esperando) {
      while (lista.firstChild) lista.removeChild(lista.firstChild);
      esperando.forEach(function (c) {
        var li = document.createElement("li");
        var enlace = document.createElement("a");
        enlace.href = c.url;
        enlace.textContent = c.ciudadano;
        li.appendChild(enlace);
        li.appendChild(document.createTextNode(" · desde " + c.desde + ": «" + c.ultimo + "»"));
        lista.appendChild(li);
      });
      if (vacia) vacia.hidden = esperando.length > 0;
    }

    function pedir() {
      fetch(cola.getAttribute("data-url"), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store"
      })
        .then(function (respuesta) { return respuesta.ok ? respuesta.json() : null; })
        .then(function (datos) {
          if (datos) {
            pintar(datos.esperando);
            if (turno && !datos.de_turno) turno.textContent = "Su turno venció: márquelo otra vez.";
          }
          window.setTimeout(pedir, INTERVALO);
        })
        .catch(function () { window.setTimeout(pedir, INTERVALO * 3); });
    }
    window.setTimeout(pedir, INTERVALO);
  }

  document.querySelectorAll("[data-conversacion]").forEach(sondearConversacion);
  document.querySelectorAll("[data-cola]").forEach(sondearCola);
})();
