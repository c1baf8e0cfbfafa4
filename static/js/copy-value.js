/* Buttons marked data-copy-from copy the value of the field whose id they name, then say so in
   the element named by data-copy-status (a live region) with the text in data-copied.
   Progressive enhancement: the buttons start hidden and appear only with JavaScript and a
   clipboard; without them the field stays, its whole value selected by a click or by hand.
   A file, not an inline script, so the Content-Security-Policy can forbid inline scripts. */
document.querySelectorAll("[data-copy-from]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copyFrom);
  var status = document.getElementById(button.dataset.copyStatus);
  if (!field) { return; }
  field.addEventListener("focus", function () { field.select(); });
  if (!navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      if (status) { status.textContent = button.dataset.copied; }
    }, function () {
      field.focus();
    });
  });
});
