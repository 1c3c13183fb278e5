/* clusterfolio: instant filtering on the member directory. Without JavaScript the filters
   are links to the pages that list the members of a competence, type, country or stage.
   When every member is on this page, the cards are filtered in place; when the directory
   spans several pages, the first change of a filter loads the compact member index
   (data/directory.json, one small row per member) and the results replace the page's list. */
(function () {
  "use strict";
  var LIMIT = 96;  // results drawn at once; "show more" draws the next ones

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function setup() {
    var form = document.querySelector(".cf-filters");
    var box = document.querySelector(".cf-directory");
    if (!form || !box || form.dataset.ready) return;
    form.dataset.ready = "1";
    var list = box.querySelector(".cf-cards");
    var pages = box.querySelector(".cf-pages");
    var cards = Array.prototype.slice.call(box.querySelectorAll(".cf-cards > .cf-card"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var count = form.querySelector(".cf-count");
    var total = parseInt(box.getAttribute("data-total"), 10) || cards.length;
    var everyoneHere = cards.length >= total;
    var index = null, results = null, more = null;
    form.querySelectorAll("details.cf-filter").forEach(function (d) { d.hidden = true; });
    form.querySelectorAll(".cf-select").forEach(function (l) { l.hidden = false; });

    function labels(name) {
      var out = {};
      var select = form.querySelector('select[data-filter="' + name + '"]');
      if (select) Array.prototype.forEach.call(select.options, function (o) { if (o.value) out[o.value] = o.textContent; });
      return out;
    }
    function matches(values) {
      return selects.every(function (s) { return !s.value || values[s.dataset.filter].indexOf(s.value) !== -1; });
    }
    function say(shown) {
      if (count) count.textContent = count.dataset.template.replace("{n}", shown).replace("{total}", total);
    }

    function inPlace() {
      var shown = 0;
      cards.forEach(function (card) {
        var values = {};
        selects.forEach(function (s) { values[s.dataset.filter] = (card.getAttribute("data-" + s.dataset.filter) || "").split(" "); });
        card.hidden = !matches(values);
        if (!card.hidden) shown += 1;
      });
      say(shown);
    }

    // A card like the server's compact one, from an index row:
    // [slug, name, type, country, city, [competences], [stages], logo file suffix or "", colour tone]
    function card(row, names) {
      var li = el("li", { "class": "cf-card" });
      if (row[7]) {
        li.appendChild(el("img", { "class": "cf-avatar cf-avatar--sm", src: box.getAttribute("data-root") + "logos/members/" + row[0] + row[7], alt: "", loading: "lazy" }));
      } else {
        var initials = row[1].split(/\s+/).filter(function (w) { return /^[\p{L}\p{N}]/u.test(w); }).slice(0, 2).map(function (w) { return w[0]; }).join("").toUpperCase();
        li.appendChild(el("span", { "class": "cf-avatar cf-avatar--sm cf-avatar--tone" + row[8], "aria-hidden": "true" }, initials));
      }
      var body = el("div", { "class": "cf-card__body" });
      var h = el("h2", { "class": "cf-card__name" });
      h.appendChild(el("a", { href: box.getAttribute("data-members") + row[0] + "/" }, row[1]));
      body.appendChild(h);
      body.appendChild(el("p", { "class": "cf-card__meta" }, (names.type[row[2]] || row[2]) + " · " + row[4] + ", " + (names.country[row[3]] || row[3])));
      var chips = el("ul", { "class": "cf-chips" });
      row[5].forEach(function (c) { chips.appendChild(el("li", {}, names.competences[c] || c)); });
      body.appendChild(chips);
      li.appendChild(body);
      return li;
    }

    function across() {
      var load = index ? Promise.resolve(index) : fetch(box.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) { index = data.members; return index; });
      load.then(function (rows) {
        var any = selects.some(function (s) { return s.value; });
        if (!any) {  // back to the page as it was built
          if (results) { results.hidden = true; more.hidden = true; }
          list.hidden = false;
          if (pages) pages.hidden = false;
          say(cards.length);
          return;
        }
        var names = { type: labels("type"), country: labels("country"), competences: labels("competences") };
        var found = rows.filter(function (row) {
          return matches({ type: [row[2]], country: [row[3]], competences: row[5], stages: row[6] });
        });
        if (!results) {
          results = el("ul", { "class": "cf-cards", id: "cf-results" });
          more = el("button", { type: "button", "class": "md-button cf-more" }, box.getAttribute("data-more") || "…");
          list.parentNode.insertBefore(results, list.nextSibling);
          results.parentNode.insertBefore(more, results.nextSibling);
          more.addEventListener("click", function () { draw(results.childNodes.length + LIMIT); });
        }
        list.hidden = true;
        if (pages) pages.hidden = true;
        results.hidden = false;
        var drawn = 0;
        function draw(upTo) {
          for (; drawn < Math.min(upTo, found.length); drawn += 1) results.appendChild(card(found[drawn], names));
          more.hidden = drawn >= found.length;
        }
        results.textContent = "";
        draw(LIMIT);
        say(found.length);
      }).catch(function () {
        inPlace();  // the index did not load: filter what this page shows
      });
    }

    var apply = everyoneHere ? inPlace : across;
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (everyoneHere) inPlace(); else say(cards.length);
  }
  if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();

/* clusterfolio: search, a small interface on Pagefind's API. Pagefind keeps one index per
   language (the page's <html lang>) split into chunks, so a query fetches only a few small
   files; its own UI would add ~130 KB, this one a few. Filters load only when opened. */
(function () {
  "use strict";
  var slot = document.querySelector(".cf-search[data-bundle]");
  // cf-js: set in the page's head where this browser can search (fetch, modules); the box is shown then.
  if (!slot || !document.documentElement.classList.contains("cf-js")) return;
  var bundle = new URL(slot.getAttribute("data-bundle").replace(/\/?$/, "/"), location.href);
  var t = window.cfStrings || {};  // assets/strings.js, in the page's language
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

  // The page holds the box already (shown from the first paint where scripts run, see the
  // page's head); older pages get one made here.
  var form = slot.querySelector("form.cf-search__form");
  var input = form && form.querySelector("input");
  if (!form || !input) {
    form = el("form", { "class": "cf-search__form", role: "search" });
    input = el("input", { id: "cf-q", type: "search", autocomplete: "off", placeholder: t.placeholder || "Search", "aria-controls": "cf-search-panel" });
    form.appendChild(el("label", { "for": "cf-q", "class": "cf-sr" }, t.search || "Search"));
    form.appendChild(input);
  }
  var panel = el("div", { id: "cf-search-panel", "class": "cf-search__panel", hidden: "" });
  var toggle = el("button", { type: "button", "class": "cf-search__toggle", "aria-expanded": "false" }, t.filters || "Filters");
  var filterBox = el("div", { "class": "cf-search__filters", hidden: "" });
  var status = el("p", { "class": "cf-search__status", role: "status" });
  var list = el("ol", { "class": "cf-search__results" });
  panel.appendChild(toggle);
  panel.appendChild(filterBox);
  panel.appendChild(status);
  panel.appendChild(list);
  if (form.parentNode !== slot) slot.appendChild(form);
  slot.appendChild(panel);
  slot.hidden = false;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        // Results link to the language's pages: /<lang>/members/… (the bundle sits in /<lang>/).
        var base = bundle.pathname.replace(/pagefind\/$/, "");
        var shards = parseInt(slot.getAttribute("data-shards"), 10) || 1;
        return pf.options({
          baseUrl: base,
          noWorker: true,            // one file less to download; the index is small
          excerptLength: 24,
          // Partners look for members: a competence page's title must not outrank them.
          ranking: { metaWeights: { title: 1 } }
        }).then(function () {
          // A large language is indexed in several bundles (pagefind-2/ …): search them as one.
          var merges = [];
          for (var n = 2; n <= shards; n += 1) {
            merges.push(pf.mergeIndex(new URL("../pagefind-" + n + "/", bundle).href, { baseUrl: base }));
          }
          return Promise.all(merges);
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
