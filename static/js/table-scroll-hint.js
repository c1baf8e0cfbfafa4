/* The directory table's "scrolls sideways" hint, shown by default (so it is there without
   JavaScript), is hidden while the table fits its box, and shown again when the window narrows.
   A file, not an inline script, as the Content-Security-Policy requires. */
(function () {
  var box = document.querySelector(".directory-table-wrap");
  var hint = document.getElementById("table-scroll-hint");
  if (!box || !hint) {
    return;
  }
  function fit() {
    hint.hidden = box.scrollWidth <= box.clientWidth + 1;
  }
  fit();
  window.addEventListener("resize", fit);
})();
