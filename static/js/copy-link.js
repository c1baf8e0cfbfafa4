/* Links marked data-copy-link copy their address instead of opening it, and say so with the
   text in data-copied. Progressive enhancement: without JavaScript (or a clipboard) the link
   simply is the permalink. A file, not an inline script, so the Content-Security-Policy can
   forbid inline scripts. */
document.querySelectorAll("[data-copy-link]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    if (!navigator.clipboard) { return; }
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      link.textContent = link.dataset.copied;
    });
  });
});
