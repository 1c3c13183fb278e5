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

/* clusterfolio: search, a small interface on Pagefind's API. Pagefind keeps one index per
   language (the page's <html lang>) split into chunks, so a query fetches only a few small
   files; its own UI would add ~130 KB, this one a few. Filters load only when opened. */
(function () {
  "use strict";
  var slot = document.querySelector(".cf-search[data-bundle]");
  if (!slot || !window.fetch || !("noModule" in HTMLScriptElement.prototype)) return;
  var bundle = new URL(slot.getAttribute("data-bundle").replace(/\/?$/, "/"), location.href);
  var t = JSON.parse(slot.getAttribute("data-i18n") || "{}");
  var pagefind = null;
  var filters = {};
  var timer = null;
  var run = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  var form = el("form", { "class": "cf-search__form", role: "search" });
  var label = el("label", { "for": "cf-q", "class": "cf-sr" }, t.search || "Search");
  var input = el("input", { id: "cf-q", type: "search", autocomplete: "off", placeholder: t.placeholder || "Search", "aria-controls": "cf-search-panel" });
  form.appendChild(label);
  form.appendChild(input);
  var panel = el("div", { id: "cf-search-panel", "class": "cf-search__panel", hidden: "" });
  var toggle = el("button", { type: "button", "class": "cf-search__toggle", "aria-expanded": "false" }, t.filters || "Filters");
  var filterBox = el("div", { "class": "cf-search__filters", hidden: "" });
  var status = el("p", { "class": "cf-search__status", role: "status" });
  var list = el("ol", { "class": "cf-search__results" });
  panel.appendChild(toggle);
  panel.appendChild(filterBox);
  panel.appendChild(status);
  panel.appendChild(list);
  slot.appendChild(form);
  slot.appendChild(panel);
  slot.hidden = false;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        var base = bundle.pathname.replace(/pagefind\/$/, "");
        return pf.options({
          baseUrl: base,
          noWorker: true,            // one file less to download; the index is small
          excerptLength: 24,
          // Partners look for members: a competence page's title must not outrank them.
          ranking: { metaWeights: { title: 1 } }
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Pagefind marks matches with <mark> in an HTML excerpt; copy only text and <mark>.
  function excerpt(html) {
    var out = el("p", { "class": "cf-search__excerpt" });
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent || ""));
    });
    return out;
  }

  function search() {
    var query = input.value.trim();
    var active = Object.keys(filters).filter(function (k) { return filters[k]; });
    if (!query && !active.length) { panel.hidden = true; panel.setAttribute("aria-busy", "false"); return; }
    var mine = ++run;
    panel.hidden = false;
    panel.setAttribute("aria-busy", "true");
    status.textContent = t.searching || "Searching…";
    load().then(function (pf) {
      var chosen = {};
      active.forEach(function (k) { chosen[k] = filters[k]; });
      return pf.search(query || null, { filters: chosen });
    }).then(function (found) {
      if (mine !== run || !found) return null;
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== run) return;
        list.textContent = "";
        var n = found.results.length;
        status.textContent = n === 0 ? (t.none || "No results") : (t.count || "{n} results").replace("{n}", n);
        data.forEach(function (d) {
          var item = el("li");
          var a = el("a", { href: d.url }, (d.meta && d.meta.title) || d.url);
          item.appendChild(a);
          item.appendChild(excerpt(d.excerpt || ""));
          list.appendChild(item);
        });
        panel.setAttribute("aria-busy", "false");
      });
    }).catch(function () {
      status.textContent = t.error || "Search is not available.";
      panel.setAttribute("aria-busy", "false");
    });
  }

  function showFilters() {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    filterBox.hidden = !open;
    if (!open || filterBox.childNodes.length) return;
    load().then(function (pf) { return pf.filters(); }).then(function (available) {
      Object.keys(available).sort().forEach(function (name) {
        var id = "cf-f-" + Object.keys(filters).length;
        filters[name] = "";
        var wrap = el("label", { "for": id }, name + " ");
        var select = el("select", { id: id });
        select.appendChild(el("option", { value: "" }, t.all || "all"));
        Object.keys(available[name]).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
          select.appendChild(el("option", { value: value }, value + " (" + available[name][value] + ")"));
        });
        select.addEventListener("change", function () { filters[name] = select.value; search(); });
        wrap.appendChild(select);
        filterBox.appendChild(wrap);
      });
    });
  }

  input.addEventListener("input", function () {
    panel.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
  toggle.addEventListener("click", showFilters);
  // Keyboard: "/" enters the search box, arrows move through results, Escape leaves.
  document.addEventListener("keydown", function (e) {
    var active = document.activeElement;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (e.key === "/" && active !== input && !/INPUT|TEXTAREA|SELECT/.test(active.tagName)) {
      e.preventDefault();
      input.focus();
    } else if (e.key === "Escape" && slot.contains(active)) {
      panel.hidden = true;
      input.focus();
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && slot.contains(active) && links.length) {
      var i = links.indexOf(active);
      var next = e.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
      e.preventDefault();
      (next < 0 ? input : links[next]).focus();
    }
  });
})();

/* clusterfolio: labels stay honest between builds. The site is rebuilt daily, but a copy that
   was not (a mirror, a cache, a saved page) must never present an expired label as current.
   Every badge and label card carries its last valid day (data-valid-until); once the
   visitor's clock passes it, badges leave the page and the label page moves the card to the
   history, marked expired in the page's language. Without JavaScript the printed
   "valid until <date>" stays true. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var d = new Date();
  var today = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  function over(el) {
    var until = el.getAttribute("data-valid-until");
    return !!until && until < today;  // ISO dates compare as text
  }
  function each(selector, root, fn) { Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn); }

  each(".cf-badge[data-valid-until]", null, function (badge) {
    if (over(badge)) { badge.hidden = true; badge.classList.add("cf-badge--expired"); }
  });
  each(".cf-badges", null, function (box) {
    if (!box.querySelector(".cf-badge:not([hidden])")) box.hidden = true;
  });
  each(".cf-footer__labels", null, function (box) {
    if (!box.querySelector(".cf-badge:not([hidden])")) box.hidden = true;
  });

  var page = document.querySelector(".cf-labels");
  if (!page) return;
  var current = page.querySelector("#current");
  var history = page.querySelector("#history");
  each("article.cf-label[data-valid-until]", page, function (card) {
    if (!over(card) || card.classList.contains("cf-label--expired")) return;
    card.className = card.className.replace(/cf-label--[\w-]+/g, "") + " cf-label--expired";
    var status = card.querySelector(".cf-status");
    if (status) {
      status.textContent = page.getAttribute("data-expired");
      status.className = "cf-status cf-status--expired";
    }
    if (!history) {
      history = document.createElement("section");
      history.className = "cf-section";
      history.id = "history";
      var title = document.createElement("h2");
      title.textContent = page.getAttribute("data-history");
      history.appendChild(title);
      page.appendChild(history);
    }
    history.insertBefore(card, history.children[1] || null);  // newest history first
  });
  if (current && !current.querySelector("article.cf-label")) {
    var none = document.createElement("p");
    none.textContent = page.getAttribute("data-none");
    current.parentNode.replaceChild(none, current);
  }
})();
