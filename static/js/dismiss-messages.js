// The messages stay at the top of the window while the page scrolls (site.css), so that a page
// opened at a card far down still says what happened; once read, "Dismiss" puts them away and
// gives the focus to the page. Without JavaScript the button stays hidden.
(function () {
  "use strict";
  document.querySelectorAll(".messages-dismiss").forEach(function (item) {
    var list = item.closest(".messages");
    item.hidden = false;
    item.querySelector("button").addEventListener("click", function () {
      list.remove();
      document.getElementById("main").focus({ preventScroll: true });
    });
  });
})();
