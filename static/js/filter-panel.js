/* A filter panel is a <details> that the page sends open, so it works without JavaScript. On a
   narrow screen this closes it as the page loads (unless it shows an error), so the results start
   within the first screen, behind its "Filters (3 active)" summary; it opens again when the window
   grows wide, where the summary is not shown. Loaded right after the panel, before the page is
   first drawn; a file, not an inline script, as the Content-Security-Policy requires. */
(function () {
  var narrow = window.matchMedia("(max-width: 800px)");
  var panels = document.querySelectorAll("details.filter-panel");
  function fit() {
    panels.forEach(function (panel) {
      var showsError = panel.querySelector(".errorlist, [aria-invalid='true']") !== null;
      panel.open = !narrow.matches || showsError;
    });
  }
  fit();
  narrow.addEventListener("change", fit);
})();
