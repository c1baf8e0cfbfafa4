/* The advisor's form sends the page to #results, so the browser scrolls to the answer; this
   also moves focus to the answer's heading, so a screen reader reads it first and the keyboard
   carries on from there. A file, not an inline script, as the Content-Security-Policy requires. */
(function () {
  if (window.location.hash !== "#results") {
    return;
  }
  var heading = document.querySelector("#results[data-focus-on-arrival]");
  if (heading) {
    heading.focus();
  }
})();
