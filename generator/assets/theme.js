// @ts-check
/* The theme's own small scripts (mkdocs-material and Zensical write them inline), moved into a
 * file so the Content Security Policy needs no inline script at all (generator/site/theme/).
 * Each <script src=".../theme.js" data-part="..."> runs one part, at the place the theme put
 * the inline original; the code of each part is the theme's own, unminified, with the JSDoc
 * casts TypeScript needs (tsconfig.json). A classic script, like the rest of the runtime. */
(function () {
  "use strict";
  var me = /** @type {HTMLScriptElement} */ (document.currentScript);
  var part = me ? me.getAttribute("data-part") || "" : "";
  var here = location.href;
  /** @type {{[name: string]: () => void}} */
  var parts = {
    base: function () {
      var scope = new URL(me.getAttribute("data-scope") || ".", here);
      if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", here);
      window.__md_scope = scope;
      window.__md_hash = function (s) {  // the theme's reduce over the code units, as a loop
        var h = 0;
        for (var i = 0; i < s.length; i++) h = (h << 5) - h + s.charCodeAt(i);
        return h;
      };
      window.__md_get = function (key, storage, base) {
        storage = storage || localStorage; base = base || window.__md_scope;
        return JSON.parse(/** @type {string} */ (storage.getItem(base.pathname + "." + key)));
      };
      window.__md_set = function (key, value, storage, base) {
        storage = storage || localStorage; base = base || window.__md_scope;
        try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or blocked */ }
      };
      document.documentElement.setAttribute("data-platform", navigator.platform);
    },
    content: function () {
      if (me.hasAttribute("data-tabs")) {
        var tabs = window.__md_get("__tabs");
        if (Array.isArray(tabs)) {
          document.querySelectorAll(".tabbed-set").forEach(function (set) {
            var labels = set.querySelector(".tabbed-labels");
            if (!labels) return;
            outer: for (var i = 0; i < tabs.length; i++) {
              var ls = labels.getElementsByTagName("label");
              for (var j = 0; j < ls.length; j++) {
                if (ls[j].innerText.trim() === tabs[i]) {
                  var input = /** @type {HTMLInputElement | null} */ (document.getElementById(ls[j].htmlFor));
                  if (input) input.checked = true;
                  break outer;
                }
              }
            }
          });
        }
      }
      var target = /** @type {HTMLInputElement | null} */ (document.getElementById(location.hash.slice(1)));
      if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
    },
    announce: function () {
      var el = /** @type {HTMLElement | null} */ (document.querySelector("[data-md-component=announce]"));
      if (el) {
        var content = el.querySelector(".md-typeset");
        if (content && window.__md_hash(content.innerHTML) === window.__md_get("__announce")) el.hidden = true;
      }
    },
    outdated: function () {
      var el = /** @type {HTMLElement | null} */ (document.querySelector("[data-md-component=outdated]"));
      var base = new URL(me.getAttribute("data-base") || ".", here);
      if (window.__md_get("__outdated", sessionStorage, base) === true && el) el.hidden = false;
    },
    consent: function () {
      var form = /** @type {HTMLFormElement | undefined} */ (document.forms.namedItem("consent") || undefined);
      if (!form) return;
      var consent = window.__md_get("__consent");
      var i;
      if (consent) {
        for (i = 0; i < form.elements.length; i++) {
          var field = /** @type {HTMLInputElement} */ (form.elements[i]);
          if (field.name) field.checked = consent[field.name] || false;
        }
      } else if (location.protocol !== "file:") {
        setTimeout(function () {
          var box = /** @type {HTMLElement | null} */ (document.querySelector("[data-md-component=consent]"));
          if (box) box.hidden = false;
        }, 250);
      }
      ["submit", "reset"].forEach(function (action) {
        var f = /** @type {HTMLFormElement} */ (form);
        f.addEventListener(action, function (e) {
          e.preventDefault();
          if (e.type === "reset") {
            for (var n = 0; n < f.elements.length; n++) {
              var box = /** @type {HTMLInputElement} */ (f.elements[n]);
              if (box.name) box.checked = false;
            }
          }
          window.__md_set("__consent", Object.fromEntries(Array.from(new FormData(f).keys()).map(function (k) { return [k, true]; })));
          location.hash = "";
          location.reload();
        });
      });
    },
    palette: function () {
      var palette = window.__md_get("__palette");
      if (!palette || !palette.color) return;
      if (palette.color.media === "(prefers-color-scheme)") {
        var media = matchMedia("(prefers-color-scheme: light)");
        var input = document.querySelector(media.matches ? "[data-md-color-media='(prefers-color-scheme: light)']"
                                                         : "[data-md-color-media='(prefers-color-scheme: dark)']");
        if (input) {
          palette.color.media = input.getAttribute("data-md-color-media");
          palette.color.scheme = input.getAttribute("data-md-color-scheme");
          palette.color.primary = input.getAttribute("data-md-color-primary");
          palette.color.accent = input.getAttribute("data-md-color-accent");
        }
      }
      Object.keys(palette.color).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, palette.color[key]); });
    }
  };
  if (Object.prototype.hasOwnProperty.call(parts, part)) parts[part]();
})();
