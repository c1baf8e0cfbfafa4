/* A <details> the page sends open, so that it works without JavaScript: a filter panel, or the
   site's menu. On a narrow screen this closes the one just before it as the page loads (unless it
   shows an error), so the page's own content starts within the first screen, behind the details'
   summary ("Filters (3 active)", "Menu"); it opens again when the window grows wide, where the
   summary is not shown. Loaded right after each such <details>, before the page is first drawn;
   a file, not an inline script, as the Content-Security-Policy requires. */
(function () {
  var narrow = window.matchMedia("(max-width: 800px)");
  var folded = document.currentScript.previousElementSibling;
  function fit() {
    var showsError = folded.querySelector(".errorlist, [aria-invalid='true']") !== null;
    folded.open = !narrow.matches || showsError;
  }
  fit();
  narrow.addEventListener("change", fit);
})();
