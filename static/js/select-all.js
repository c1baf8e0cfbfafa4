// "Select all on this page": a checkbox with data-select-all="<form id>" ticks or clears every
// checkbox that belongs to that form (form="<form id>"), and shows whether some are ticked.
// Without JavaScript it stays hidden and each row's checkbox works on its own.
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var formId = all.getAttribute("data-select-all");
    var boxes = function () {
      return document.querySelectorAll('input[type="checkbox"][form="' + formId + '"]');
    };
    var reflect = function () {
      var list = Array.prototype.slice.call(boxes());
      var ticked = list.filter(function (box) { return box.checked; }).length;
      all.checked = list.length > 0 && ticked === list.length;
      all.indeterminate = ticked > 0 && ticked < list.length;
    };
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
    boxes().forEach(function (box) { box.addEventListener("change", reflect); });
    var label = all.closest("label");
    if (label) { label.hidden = false; }
    reflect();
  });
})();
