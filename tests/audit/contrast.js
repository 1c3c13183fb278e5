/* Computed text contrast (WCAG 2.x, success criterion 1.4.3), measured in the rendered page.

   Loaded into a page with Playwright's page.add_script_tag(path=...); it defines one global
   function and changes nothing in the page:

       window.clusterfolioContrast()  ->  { checked, failures: [...], unknown: [...] }

   For every VISIBLE element that has a direct, non-whitespace text node it computes:

   - the effective background: the element's background-color and those of its ancestors,
     composited (alpha, and the opacity groups of `opacity`) from the element up to the page
     canvas (white) until the layers are opaque;
   - the effective foreground: the text colour (-webkit-text-fill-color, which defaults to
     `color`) with its alpha, painted inside the same opacity groups, over that background;
   - the WCAG 2.x contrast ratio of the two, against 4.5:1, or 3:1 for large text
     (font-size >= 24px, or >= 18.66px with font-weight >= 700).

   What it cannot compute is never passed silently: text whose background shows a
   background-image (photos, gradients, SVG backgrounds), SVG text (its background is drawn by
   other shapes) and colours that do not parse land in `unknown`, with the reason.

   Model and limits (on purpose, to stay simple and predictable):
   - only DOM ancestors are taken as the backdrop; a non-ancestor painted behind the text
     (an absolutely positioned sibling) is not seen;
   - text-shadow, filter, mix-blend-mode and backdrop-filter are ignored;
   - hover and focus states are not visited: the page is measured as it is loaded.
*/
(function () {
  "use strict";

  var WHITE = { r: 255, g: 255, b: 255, a: 1 };
  var SVG_NS = "http://www.w3.org/2000/svg";

  // ------------------------------------------------------------------ colours

  var probe = null; // a 1x1 canvas, only for colour syntaxes other than rgb()/rgba()

  /* A computed CSS colour as {r, g, b} (0..255) and a (0..1), or null if it cannot be read. */
  function parseColor(value) {
    if (!value) return null;
    if (value === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
    var m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(value);
    if (m) {
      var a = m[4] === undefined ? 1 : parseFloat(m[4]) / (m[5] ? 100 : 1);
      return { r: parseFloat(m[1]), g: parseFloat(m[2]), b: parseFloat(m[3]), a: a };
    }
    // Newer colour syntaxes (color(srgb ...), oklch(), lab(), color-mix() leftovers): let the
    // browser paint one pixel and read it back (8 bits per channel, enough for a ratio).
    if (!probe) {
      var canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      probe = canvas.getContext("2d", { willReadFrequently: true });
    }
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = "rgba(0, 0, 0, 0)";
    probe.fillStyle = value;
    if (probe.fillStyle === "rgba(0, 0, 0, 0)" && !/^rgba?\(\s*0[,\s]+0[,\s]+0[,\s/]+0\s*\)$/.test(value)) {
      return null; // the canvas did not accept the value
    }
    probe.fillRect(0, 0, 1, 1);
    var d = probe.getImageData(0, 0, 1, 1).data;
    return { r: d[0], g: d[1], b: d[2], a: d[3] / 255 };
  }

  function premultiply(c, alpha) {
    var a = c.a * alpha;
    return { r: c.r * a, g: c.g * a, b: c.b * a, a: a };
  }

  /* Porter-Duff "source over" on premultiplied colours. */
  function over(src, dst) {
    var k = 1 - src.a;
    return { r: src.r + dst.r * k, g: src.g + dst.g * k, b: src.b + dst.b * k, a: src.a + dst.a * k };
  }

  function scale(c, alpha) {
    return { r: c.r * alpha, g: c.g * alpha, b: c.b * alpha, a: c.a * alpha };
  }

  /* A premultiplied colour composited onto the opaque canvas, as an opaque colour. */
  function onCanvas(c) {
    var out = over(c, premultiply(WHITE, 1));
    return { r: out.r, g: out.g, b: out.b, a: 1 };
  }

  function channel(v) {
    v = v / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  /* WCAG 2.x relative luminance of an opaque sRGB colour. */
  function luminance(c) {
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  }

  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function hex(c) {
    function two(v) { return ("0" + Math.round(v).toString(16)).slice(-2); }
    return "#" + two(c.r) + two(c.g) + two(c.b);
  }

  // ------------------------------------------------------------------ visibility

  /* The boxes of the element's direct text, or [] if none of it is rendered. */
  function textRects(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    return Array.prototype.filter.call(range.getClientRects(), function (r) {
      return r.width > 0 && r.height > 0;
    });
  }

  function intersects(rect, box) {
    return rect.right > box.left && rect.left < box.right && rect.bottom > box.top && rect.top < box.bottom;
  }

  /* Whether some of the text is visible: rendered, not hidden, not transparent through opacity
     0, larger than the 1px boxes of "visually hidden" text, inside the page (not moved off
     screen) and not cut away by an ancestor that clips its overflow. */
  function visible(el, rects) {
    if (!rects.length) return false;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) {
      return false;
    }
    var doc = document.documentElement;
    var page = { left: -window.scrollX, top: -window.scrollY,
                 right: doc.scrollWidth - window.scrollX, bottom: doc.scrollHeight - window.scrollY };
    var shown = rects.filter(function (r) { return r.width > 1 && r.height > 1 && intersects(r, page); });
    for (var a = el; a && a !== doc && shown.length; a = a.parentElement) {
      var s = getComputedStyle(a);
      if (s.overflowX !== "visible" || s.overflowY !== "visible" || s.clipPath.indexOf("inset") === 0 || s.clip !== "auto") {
        var box = a.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return false;
        shown = shown.filter(function (r) { return intersects(r, box); });
      }
    }
    return shown.length > 0;
  }

  // ------------------------------------------------------------------ reporting

  /* A readable CSS path: tag, id or up to two classes, and :nth-of-type where needed. */
  function selector(el) {
    var parts = [];
    for (var e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      var tag = e.localName;
      if (e.id) { parts.unshift(tag + "#" + CSS.escape(e.id)); break; }
      var part = tag;
      var classes = Array.prototype.slice.call(e.classList, 0, 2);
      if (classes.length) part += "." + classes.map(function (c) { return CSS.escape(c); }).join(".");
      var parent = e.parentElement;
      if (parent) {
        var same = Array.prototype.filter.call(parent.children, function (c) { return c.localName === tag; });
        if (same.length > 1) part += ":nth-of-type(" + (same.indexOf(e) + 1) + ")";
      }
      parts.unshift(part);
    }
    return parts.join(" > ");
  }

  function snippet(el) {
    var text = Array.prototype.filter.call(el.childNodes, function (n) { return n.nodeType === 3; })
      .map(function (n) { return n.data; }).join(" ").replace(/\s+/g, " ").trim();
    return text.length > 60 ? text.slice(0, 57) + "..." : text;
  }

  // ------------------------------------------------------------------ one element

  /* The colours the element's text is painted in and on, or {unknown: reason}. */
  function measure(el) {
    var chain = [];
    for (var e = el; e; e = e.parentElement) chain.unshift(e);
    var styles = chain.map(function (e) { return getComputedStyle(e); });
    var own = styles[styles.length - 1];

    if (el.namespaceURI === SVG_NS) return { unknown: "SVG text: its backdrop is drawn by other shapes" };

    var text = parseColor(own.webkitTextFillColor || own.color);
    if (!text) return { unknown: "text colour not understood: " + (own.webkitTextFillColor || own.color) };

    // Walk up from the text: a background image counts if layers above it leave it visible.
    // `covered` says whether what is painted between the text and the current element is
    // opaque; an element's opacity below 1 makes its whole group translucent again.
    var covered = false;
    var layers = [];
    for (var i = chain.length - 1; i >= 0; i--) {
      var s = styles[i];
      var bg = parseColor(s.backgroundColor);
      if (!bg) return { unknown: "background colour not understood: " + s.backgroundColor + " on " + selector(chain[i]) };
      if (s.backgroundImage && s.backgroundImage !== "none" && !covered) {
        return { unknown: "background-image on " + selector(chain[i]) + ": " + s.backgroundImage.slice(0, 80) };
      }
      if (bg.a >= 1) covered = true;
      if (parseFloat(s.opacity) < 1) covered = false;
      layers[i] = { bg: bg, opacity: parseFloat(s.opacity) };
    }

    // Paint from the innermost element outwards: each element's group is its background
    // under its content, then faded by its opacity; the root group goes onto the canvas.
    function paint(withText) {
      var content = withText ? premultiply(text, 1) : { r: 0, g: 0, b: 0, a: 0 };
      for (var j = layers.length - 1; j >= 0; j--) {
        content = scale(over(content, premultiply(layers[j].bg, 1)), layers[j].opacity);
      }
      return onCanvas(content);
    }
    return { fg: paint(true), bg: paint(false) };
  }

  function isLarge(style) {
    var size = parseFloat(style.fontSize);
    var weight = parseInt(style.fontWeight, 10) || 400;
    return size >= 24 || (size >= 18.66 && weight >= 700);
  }

  // ------------------------------------------------------------------ the page

  var SKIP = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, TITLE: 1, HEAD: 1, OPTION: 1, OPTGROUP: 1, TEXTAREA: 1 };

  window.clusterfolioContrast = function () {
    var failures = [], unknown = [], checked = 0;
    var all = document.body ? document.body.querySelectorAll("*") : [];
    Array.prototype.forEach.call([document.body].concat(Array.prototype.slice.call(all)), function (el) {
      if (!el || SKIP[el.tagName.toUpperCase()]) return;
      var texts = Array.prototype.filter.call(el.childNodes, function (n) {
        return n.nodeType === 3 && /\S/.test(n.data);
      });
      if (!texts.length) return;
      var rects = [];
      texts.forEach(function (n) { rects = rects.concat(textRects(n)); });
      if (!visible(el, rects)) return;
      checked += 1;
      var style = getComputedStyle(el);
      var large = isLarge(style);
      var entry = { selector: selector(el), text: snippet(el), fontSize: style.fontSize,
                    fontWeight: style.fontWeight, large: large };
      var m = measure(el);
      if (m.unknown) {
        entry.reason = m.unknown;
        unknown.push(entry);
        return;
      }
      var r = ratio(m.fg, m.bg);
      var required = large ? 3 : 4.5;
      if (r < required) {
        entry.fg = hex(m.fg);
        entry.bg = hex(m.bg);
        entry.color = style.color;
        entry.ratio = Math.floor(r * 100) / 100; // never rounded up to a pass
        entry.required = required;
        failures.push(entry);
      }
    });
    return { checked: checked, failures: failures, unknown: unknown };
  };
})();
