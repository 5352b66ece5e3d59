// Aplica las preferencias guardadas antes de pintar, para que la página no "salte".
(function () {
  try {
    var raiz = document.documentElement;
    if (localStorage.getItem("portal.contraste") === "alto") raiz.classList.add("alto-contraste");
    var tamano = localStorage.getItem("portal.tamano");
    if (tamano) raiz.setAttribute("data-tamano", tamano);
  } catch (e) { /* almacenamiento bloqueado: se usan los valores por defecto */ }
})();
