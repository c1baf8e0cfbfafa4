// A user figure's digits spelt out beside the field as the curator types ("120 million",
// "1.2亿"): the field carries the units of its language in data-count-units (largest first), and
// the rule is platforms.charts.compact_number's. Rows the admin adds later are covered too,
// since one listener on the document hears every field.
"use strict";

(function () {
  const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

  function inWords(value, units) {
    for (const [size, unit] of units) {
      if (Math.abs(value) >= size) {
        const scaled = value / size;
        const digits = scaled.toPrecision(3);
        // Three significant digits write 1000 and more as 1.00e+3: then the whole number.
        return (digits.includes("e") ? Math.round(scaled) : Number(digits)) + unit;
      }
    }
    return grouped.format(value);
  }

  function update(field) {
    const words = field.nextElementSibling;
    if (!words || !words.classList.contains("count-in-words")) {
      return;
    }
    const value = Number(field.value);
    const valid = field.value.trim() !== "" && Number.isInteger(value) && value > 0;
    words.textContent = valid ? inWords(value, JSON.parse(field.dataset.countUnits)) : "";
    // Rows added by "Add another" are renumbered by Django; keep the description pointing here.
    field.setAttribute("aria-describedby", words.id);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("input[data-count-units]")) {
      update(event.target);
    }
  });
})();
