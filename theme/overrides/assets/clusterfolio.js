/* clusterfolio: the member directory's filters. Without JavaScript they are links to the pages
   that list the members of a competence, type, country or stage. With it, each facet is a group
   of checkboxes: several values of one facet widen the list (OR), facets together narrow it (AND).
   The choice is the URL's query, named as the inputs are (?competence=laser-systems&country=DE:
   ids, the same in every language), so a reload, back and forward, a shared link and the language
   links (which carry the query) all show the same choice. When every member is on this page, the
   cards are filtered in place; when the directory spans several pages, the compact member index
   (data/directory.json, one small row per member) is loaded and the results replace the page's
   list. A competence chip on a card adds its competence to the filter. The cooperation board
   (pages/cooperation.html) is filtered the same way: across its pages from data/board.json, the
   cards taken from the pages of the board that hold the requests found. */
(function () {
  "use strict";
  var LIMIT = 96;  // results drawn at once; "show more" draws the next ones
  // What each card attribute (the fieldset's data-filter) is in a row of the index:
  // [slug, name, type, country, city, [competences], [stages], logo file suffix or "", colour tone]
  var ROW = {
    type: function (r) { return [r[2]]; },
    country: function (r) { return [r[3]]; },
    competences: function (r) { return r[5]; },
    stages: function (r) { return r[6]; }
  };
  // On the cooperation board (data-requests on the box): a row of its index (data/board.json) is
  // [request id, its page of the board, [countries], [partner types], [competences]]. Ids, not
  // texts: one file for every language; the cards themselves are taken from the board's pages.
  var REQUEST = {
    country: function (r) { return r[2]; },
    partners: function (r) { return r[3]; },
    competences: function (r) { return r[4]; }
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  // The directory waits unseen while a choice from the URL is applied (pages/directory.html): show it.
  function reveal() { document.documentElement.classList.remove("cf-filtering"); }

  function setup() {
    var form = document.querySelector("form.cf-filters");
    var box = document.querySelector(".cf-directory");
    // cf-js: set in the page's head where this browser runs the script; the facets are drawn then.
    var list = box && box.querySelector(".cf-cards");  // none when the cluster has no member yet
    if (!form || !list || form.dataset.ready || !document.documentElement.classList.contains("cf-js")) { reveal(); return; }
    form.dataset.ready = "1";
    var pages = box.querySelector(".cf-pages");
    var count = form.querySelector(".cf-count");
    var cards = all(box, ".cf-cards > .cf-card");
    var total = parseInt(box.getAttribute("data-total"), 10) || cards.length;
    var everyoneHere = cards.length >= total;
    var lang = document.documentElement.lang || undefined;
    var languages = all(document, ".cf-languages a[hreflang]");
    var index = null, results = null, more = null, run = 0, last = null, draw = null;
    var board = box.getAttribute("data-requests");  // the board's first page, relative to this one
    var fields = board !== null ? REQUEST : ROW;
    var fetched = {};  // board page number -> its cards by request id (a promise, fetched once)

    var facets = all(form, "fieldset.cf-facet__panel").map(function (panel) {
      var inputs = all(panel, "input[type=checkbox]");
      var button = form.querySelector('[aria-controls="' + panel.id + '"]');
      var names = {};
      inputs.forEach(function (i) { names[i.value] = i.parentNode.textContent.trim(); });
      return { panel: panel, button: button, badge: button.querySelector(".cf-facet__n"), inputs: inputs,
               attr: panel.getAttribute("data-filter"), param: inputs.length ? inputs[0].name : "", names: names, chosen: [] };
    }).filter(function (f) { return f.inputs.length; });
    var competence = facets.filter(function (f) { return f.attr === "competences"; })[0];

    function num(n) {
      try { return n.toLocaleString(lang); } catch (e) { return String(n); }
    }
    function say(shown) {
      count.textContent = count.getAttribute("data-template").replace("{n}", num(shown)).replace("{total}", num(total));
    }

    // The URL's query for the boxes as they are (plus one more value); other parameters stay.
    function query(extra) {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (f) {
        params.delete(f.param);
        f.inputs.forEach(function (i) {
          if (i.checked || (extra && extra[0] === f.param && extra[1] === i.value)) params.append(f.param, i.value);
        });
      });
      var q = params.toString();
      return q ? "?" + q : "";
    }
    // The boxes as the URL says (values in any case: ?country=de is Germany); unknown values are left out.
    function read() {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (f) {
        var wanted = params.getAll(f.param).map(function (v) { return v.toLowerCase(); });
        f.inputs.forEach(function (i) { i.checked = wanted.indexOf(i.value.toLowerCase()) !== -1; });
      });
    }
    function matches(values) {
      return facets.every(function (f) {
        return !f.chosen.length || values(f.attr).some(function (v) { return f.chosen.indexOf(v) !== -1; });
      });
    }

    // A chip leads to the directory with its competence added (a new tab, a copied link); a click filters in place.
    function chipHref(cid) { return location.pathname + query([competence.param, cid]); }
    function chips(root) {
      if (competence) all(root, ".cf-chips a[data-competence]").forEach(function (a) { a.setAttribute("href", chipHref(a.getAttribute("data-competence"))); });
    }
    function mark(card) {  // a chip knows its competence: the card's data-competences, in order
      var ids = (card.getAttribute("data-competences") || "").split(" ");
      all(card, ".cf-chips a").forEach(function (a, n) { if (ids[n]) a.setAttribute("data-competence", ids[n]); });
    }
    cards.forEach(mark);

    // The cards of one page of the board, its links made to work from this page.
    function boardPage(n) {
      if (!fetched[n]) {
        var url = new URL(board + (n > 1 ? "page/" + n + "/" : ""), location.href);
        fetched[n] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.text();
        }).then(function (text) {
          var out = {};
          all(new DOMParser().parseFromString(text, "text/html"), ".cf-requests > .cf-request").forEach(function (li) {
            all(li, "a[href]").forEach(function (a) {
              var href = a.getAttribute("href");
              if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) { var u = new URL(href, url); a.setAttribute("href", u.pathname + u.search + u.hash); }
            });
            li.removeAttribute("id");  // the page's own card keeps the id
            out[li.getAttribute("data-request")] = li;
          });
          return out;
        });
      }
      return fetched[n];
    }
    function requestCards(rows) {  // the cards of these index rows, in their order
      var need = rows.map(function (r) { return r[1]; }).filter(function (n, i, a) { return a.indexOf(n) === i; });
      return Promise.all(need.map(boardPage)).then(function (got) {
        return rows.map(function (r) {
          var found = got[need.indexOf(r[1])][r[0]];
          var node = document.importNode(found, true);
          mark(node);
          return node;
        });
      });
    }

    function inPlace() {
      var shown = 0;
      cards.forEach(function (card) {
        card.hidden = !matches(function (attr) { return (card.getAttribute("data-" + attr) || "").split(" "); });
        if (!card.hidden) shown += 1;
      });
      say(shown);
      reveal();
    }

    // A card like the server's, from an index row.
    function card(row) {
      var names = function (attr, value) {
        var f = facets.filter(function (g) { return g.attr === attr; })[0];
        return (f && f.names[value]) || value;
      };
      var li = el("li", { "class": "cf-card", "data-competences": row[5].join(" ") });
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
      body.appendChild(el("p", { "class": "cf-card__meta" }, names("type", row[2]) + " · " + row[4] + ", " + names("country", row[3])));
      var ul = el("ul", { "class": "cf-chips" });
      row[5].forEach(function (c) {
        var item = el("li");
        item.appendChild(competence ? el("a", { href: chipHref(c), "data-competence": c }, names("competences", c)) : document.createTextNode(names("competences", c)));
        ul.appendChild(item);
      });
      body.appendChild(ul);
      li.appendChild(body);
      return li;
    }

    function thisPage() {  // the page as it was built
      if (results) { results.hidden = true; more.hidden = true; }
      list.hidden = false;
      if (pages) pages.hidden = false;
      box.removeAttribute("aria-busy");
      reveal();
    }

    function across(first) {
      var mine = ++run;
      if (!facets.some(function (f) { return f.chosen.length; })) {
        thisPage();
        if (!first) say(cards.length);
        return;
      }
      box.setAttribute("aria-busy", "true");
      var load = index ? Promise.resolve(index) : fetch(box.getAttribute("data-index")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) { index = data.members || data.requests; return index; });
      load.then(function (rows) {
        if (mine !== run) return;  // a later choice is being drawn
        var found = rows.filter(function (row) { return matches(function (attr) { return fields[attr](row); }); });
        if (!results) {
          results = el("ul", { "class": list.getAttribute("class"), id: "cf-results" });
          more = el("button", { type: "button", "class": "md-button cf-more" }, box.getAttribute("data-more") || "…");
          list.parentNode.insertBefore(results, list.nextSibling);
          results.parentNode.insertBefore(more, results.nextSibling);
          // The latest choice's: each choice draws its own results.
          more.addEventListener("click", function () { draw(results.childNodes.length + LIMIT); });
        }
        var drawn = 0;
        draw = function (upTo) {
          var from = drawn;
          drawn = Math.min(upTo, found.length);
          more.hidden = drawn >= found.length;
          if (board === null) {
            found.slice(from, drawn).forEach(function (row) { results.appendChild(card(row)); });
            return Promise.resolve();
          }
          return requestCards(found.slice(from, drawn)).then(function (nodes) {
            if (mine === run) nodes.forEach(function (node) { results.appendChild(node); });
          });
        };
        results.textContent = "";
        return draw(LIMIT).then(function () {
          if (mine !== run) return;
          list.hidden = true;
          if (pages) pages.hidden = true;
          results.hidden = false;
          box.removeAttribute("aria-busy");
          say(found.length);
          reveal();
        });
      }).catch(function () {
        if (mine !== run) return;
        thisPage();
        inPlace();  // the index did not load: filter what this page shows
      });
    }

    // Show the boxes' choice: the URL (how: "push" a new history entry, "replace" this one, or
    // nothing when it came from the URL), the language links, each facet's count, the cards.
    function update(how, first) {
      facets.forEach(function (f) {
        f.chosen = f.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        f.badge.textContent = "";
        f.button.classList.toggle("cf-facet--on", f.chosen.length > 0);
        if (f.chosen.length) {
          f.badge.appendChild(el("span", { "class": "cf-facet__count", "aria-hidden": "true" }, num(f.chosen.length)));
          f.badge.appendChild(el("span", { "class": "cf-sr" }, " " + (form.getAttribute("data-chosen") || "{n}").replace("{n}", num(f.chosen.length))));
        }
      });
      var q = query();
      if (how && q !== location.search) {
        try { history[how === "push" ? "pushState" : "replaceState"](null, "", location.pathname + q + location.hash); }
        catch (e) { /* a page opened from disk may not change its address */ }
      }
      languages.forEach(function (a) { a.setAttribute("href", a.getAttribute("href").replace(/[?#].*$/, "") + q); });
      chips(list);
      if (q === last) return;
      last = q;
      if (everyoneHere) { if (!first || q) inPlace(); } else across(first);
    }

    function open(facet, show) {
      facets.forEach(function (f) {
        var on = f === facet && show;
        f.panel.hidden = !on;
        f.button.setAttribute("aria-expanded", String(on));
      });
    }
    facets.forEach(function (f) {
      f.button.addEventListener("click", function () { open(f, f.panel.hidden); });
    });
    form.addEventListener("keydown", function (e) {  // Escape closes the open facet, back on its button
      var f = facets.filter(function (g) { return !g.panel.hidden; })[0];
      if (e.key === "Escape" && f) { open(f, false); f.button.focus(); }
    });
    form.addEventListener("change", function (e) { if (e.target.type === "checkbox") update("push"); });
    form.addEventListener("reset", function () { setTimeout(function () { update("push"); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    box.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest(".cf-chips a[data-competence]");
      if (!a || !competence || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      var input = competence.inputs.filter(function (i) { return i.value === a.getAttribute("data-competence"); })[0];
      if (!input) return;
      e.preventDefault();
      input.checked = true;
      update("push");
      competence.button.focus();  // where the choice shows, above the results
    });
    window.addEventListener("popstate", function () { read(); update(null); });
    read();
    update("replace", true);
    if (everyoneHere) reveal();
  }

  // The script comes after the directory in the page: filter before the first paint where it can.
  var me = document.currentScript, dir = document.querySelector(".cf-directory");
  if (document.readyState !== "loading" || (dir && me && !dir.contains(me) && (dir.compareDocumentPosition(me) & 4))) setup();
  else document.addEventListener("DOMContentLoaded", setup);
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

  // The page holds an empty slot of the form's height (clusterfolio.css): the form is made here,
  // in the page's language (assets/strings.js). A page that still has its form keeps it.
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
          // The pages' weights decide (data-pagefind-weight in the templates): partners look for
          // members first. A title is its page's first heading, weighted there; counted again as
          // metadata it would lift every competence and value-chain cell above its members. Member
          // pages are the long ones: their length counts less than Pagefind's default (0.75).
          ranking: { metaWeights: { title: 0 }, pageLength: 0.3 }
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

  // "1 résultat", "2 résultats": the count's form for the number's plural category in the page's
  // language (assets/strings.js carries a form per category and the language's CLDR rule).
  function counted(n) {
    var forms = t.count || {};
    var category = "other";
    try { if (t.plural) category = t.plural(n); } catch (e) { /* the rule failed: the general form */ }
    var form = typeof forms === "string" ? forms : (forms[category] || forms.other || "{n}");
    var number = String(n);
    try { number = n.toLocaleString(document.documentElement.lang || undefined); } catch (e) { /* digits as they are */ }
    return form.replace("{n}", number);
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
        status.textContent = n === 0 ? (t.none || "No results") : counted(n);
        data.forEach(function (d) {
          var item = el("li");
          var a = el("a", { href: d.url }, (d.meta && d.meta.title) || d.url);
          item.appendChild(a);
          // The portal's records name the member's cluster (its page is on that cluster's site).
          if (d.meta && d.meta.cluster) item.appendChild(el("p", { "class": "cf-search__cluster" }, d.meta.cluster));
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
  // The portal's cluster cards (theme/templates/portal/home.html): a label whose day has passed
  // says "expired", as the portal's build would have said it on the visitor's date.
  each(".cf-portal-labels li[data-valid-until]", null, function (line) {
    if (!over(line) || line.getAttribute("data-status") === "expired") return;
    line.setAttribute("data-status", "expired");
    line.className = "cf-status--expired";
    var strong = document.createElement("strong");
    strong.textContent = line.parentNode.getAttribute("data-expired");
    line.textContent = line.getAttribute("data-name") + ": ";
    line.appendChild(strong);
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
