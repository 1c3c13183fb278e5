/* clusterfolio embeds (pages/embeds.py, docs/embeds.md).
   In a frameless embed (partials/embed-page.html): the query's competence, country, type (members)
   or partner (requests) and limit, applied to the index the site's own filters load: data/directory.json
   (a row per member: [slug, name, type, country, city, [competences], [stages], logo, tone]) or
   data/board.json (a row per request: [id, page of the board, [countries], [partner types],
   [competences]]; the cards themselves are read from the board's pages). Texts go in as text
   (textContent), never as markup. No cookie, no storage, no request to another host.
   On the embed-setup page (pages/embed.html): the form writes the <iframe> snippet. */
(function () {
  "use strict";
  var MEMBER = { type: 2, country: 3, competence: 5 };
  var REQUEST = { country: 2, partner: 3, competence: 4 };

  function low(v) { return String(v).toLowerCase(); }
  function values(row, i) { return (Array.isArray(row[i]) ? row[i] : [row[i]]).map(low); }

  function item(href, title, meta, text) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.target = "_top";  // the site opens at the top level, not inside the host page's frame
    a.textContent = title;
    li.appendChild(a);
    if (meta) { var s = document.createElement("span"); s.textContent = meta; li.appendChild(s); }
    if (text) { var p = document.createElement("p"); p.textContent = text; li.appendChild(p); }
    return li;
  }

  function grid(list) {
    var query = new URLSearchParams(location.search);
    var members = list.getAttribute("data-kind") === "members";
    var fields = members ? MEMBER : REQUEST;
    var words = JSON.parse(document.getElementById("cf-words").textContent);
    var first = +list.getAttribute("data-first"), most = +list.getAttribute("data-most");
    var limit = Math.min(most, Math.max(1, parseInt(query.get("limit"), 10) || first));
    var chosen = {}, any = false, kept = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      chosen[name] = query.getAll(name).filter(Boolean).map(low);
      chosen[name].forEach(function (v) { kept.append(name, v); any = true; });
    });
    var number = new Intl.NumberFormat(document.documentElement.lang);
    function say(n, total) {
      document.getElementById("cf-count").textContent = words.shown.replace("{n}", number.format(n)).replace("{total}", number.format(total));
      document.getElementById("cf-empty").hidden = n > 0;
    }
    var total = +list.getAttribute("data-total");
    if (!any && limit <= list.children.length) {
      while (list.children.length > limit) list.removeChild(list.lastElementChild);
      say(list.children.length, total);
      return;
    }
    if (any) {  // the link to the whole list keeps the choice: the directory and the board read the same parameters
      var more = document.getElementById("cf-more");
      more.href = more.getAttribute("href").split("?")[0] + "?" + kept.toString();
    }
    function matches(row) {
      return Object.keys(fields).every(function (name) {
        var have = values(row, fields[name]);
        return !chosen[name].length || chosen[name].some(function (v) { return have.indexOf(v) !== -1; });
      });
    }
    function show(items, found) {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (li) { if (li) list.appendChild(li); });
      say(list.children.length, found);
    }
    fetch(list.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
      var rows = (members ? data.members : data.requests).filter(matches);
      var shown = rows.slice(0, limit);
      if (members) {
        show(shown.map(function (r) {
          var href = new URL(words.member + encodeURIComponent(r[0]) + "/", location.href).href;
          return item(href, r[1], (words.type[r[2]] || r[2]) + " · " + r[4] + ", " + (words.country[r[3]] || r[3]));
        }), rows.length);
        return;
      }
      var pages = {};
      shown.forEach(function (r) { pages[r[1]] = true; });
      return Promise.all(Object.keys(pages).map(function (n) {
        var url = new URL(words.board + (n > 1 ? "page/" + n + "/" : ""), location.href);
        return fetch(url).then(function (r) { return r.text(); }).then(function (text) {
          pages[n] = { doc: new DOMParser().parseFromString(text, "text/html"), url: url };
        });
      })).then(function () {
        show(shown.map(function (r) {
          var page = pages[r[1]], card = page.doc.getElementById("request-" + r[0]);
          if (!card) return null;
          var title = card.querySelector(".cf-request__title"), link = title && title.querySelector("a[href]");
          var meta = card.querySelector(".cf-card__meta"), text = card.querySelector(".cf-card__summary");
          var href = link ? new URL(link.getAttribute("href"), page.url).href : page.url.href + "#request-" + r[0];
          return item(href, title ? title.textContent : "", meta ? meta.textContent : "", text ? text.textContent : "");
        }), rows.length);
      });
    }).catch(function () { say(list.children.length, total); });
  }

  function attr(text) { return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  function setup(form) {
    var code = document.getElementById("cf-embed-code"), preview = document.getElementById("cf-embed-preview");
    var limit = form.elements.limit, first = limit.defaultValue;
    function write() {
      var kind = form.elements.kind.options[form.elements.kind.selectedIndex];
      var query = new URLSearchParams();
      ["competence", "country"].forEach(function (name) { if (form.elements[name].value) query.set(name, form.elements[name].value); });
      var n = Math.min(+limit.max, Math.max(1, parseInt(limit.value, 10) || +first));
      if (String(n) !== first) query.set("limit", n);
      var search = query.toString() ? "?" + query.toString() : "";
      var src = kind.getAttribute("data-url") + search;
      var title = kind.getAttribute("data-title");
      code.value = '<iframe src="' + attr(src) + '" title="' + attr(title) + '" style="border:0;width:100%;height:' + form.getAttribute("data-height") +
        'px" loading="lazy"></iframe>';
      preview.href = kind.getAttribute("data-preview") + search;  // this site, never the published host
    }
    form.addEventListener("input", write);
    form.addEventListener("change", write);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    code.addEventListener("focus", function () { code.select(); });
    write();
  }

  var list = document.getElementById("cf-cards");
  if (list) grid(list);
  var form = document.getElementById("cf-embed-setup");
  if (form) setup(form);
})();
