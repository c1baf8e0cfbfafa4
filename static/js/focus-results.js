/* The advisor's form sends the page to #results, the answer's heading, so the page opens on the
   answer. Chromium gives a focusable fragment target the focus itself; this gives it wherever the
   browser doesn't, so a screen reader reads the answer first and the keyboard carries on from
   there. A file, not an inline script, as the Content-Security-Policy requires. */
(function () {
  if (window.location.hash !== "#results") {
    return;
  }
  var heading = document.querySelector("#results[data-focus-on-arrival]");
  if (heading && document.activeElement !== heading) {
    heading.focus();
  }
})();
