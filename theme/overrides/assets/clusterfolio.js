/* clusterfolio: instant filtering on the member directory. Without JavaScript the filters
   are links to the pages that list the members of a competence, type, country or stage. */
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector(".cf-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var cards = Array.prototype.slice.call(document.querySelectorAll(".cf-cards > .cf-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".cf-count");
    form.querySelectorAll("details.cf-filter").forEach(function (d) { d.hidden = true; });
    form.querySelectorAll(".cf-select").forEach(function (l) { l.hidden = false; });
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          var values = (card.getAttribute("data-" + s.dataset.filter) || "").split(" ");
          return values.indexOf(s.value) !== -1;
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = count.dataset.template.replace("{n}", shown).replace("{total}", cards.length);
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(setup); }
  else if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();

/* clusterfolio: search. Pagefind's UI loads only when the page has JavaScript; its index is
   per language (the page's <html lang>) and split, so a query fetches only a few fragments. */
(function () {
  "use strict";
  var slot = document.querySelector(".cf-search[data-bundle]");
  if (!slot || window.PagefindUI) return;
  var bundle = slot.getAttribute("data-bundle").replace(/\/?$/, "/");
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    slot.hidden = false;
    new window.PagefindUI({
      element: "#cf-search",
      bundlePath: bundle,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      autofocus: false,
      focusOnSlash: true,
      // Partners search for members: a competence page's title must not outrank them.
      ranking: { metaWeights: { title: 1 } }
    });
    // Escape leaves the search box ("/" enters it: focusOnSlash).
    document.addEventListener("keydown", function (e) {
      var input = slot.querySelector("input");
      if (input && e.key === "Escape" && document.activeElement === input) input.blur();
    });
  };
  document.head.appendChild(script);
})();
