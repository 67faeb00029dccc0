/* The theme's own small scripts (mkdocs-material and Zensical write them inline), moved into a
 * file so the Content Security Policy needs no inline script at all (generator/site/theme/).
 * Each <script src=".../theme.js" data-part="..."> runs one part, at the place the theme put
 * the inline original; the code of each part is the theme's own, unminified. */
(function () {
  "use strict";
  var me = document.currentScript;
  var part = me ? me.getAttribute("data-part") : "";
  var parts = {
    base: function () {
      var scope = new URL(me.getAttribute("data-scope") || ".", location);
      if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location);
      window.__md_scope = scope;
      window.__md_hash = function (s) {
        return Array.prototype.reduce.call(s, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
      };
      window.__md_get = function (key, storage, base) {
        storage = storage || localStorage; base = base || window.__md_scope;
        return JSON.parse(storage.getItem(base.pathname + "." + key));
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
                  var input = document.getElementById(ls[j].htmlFor);
                  if (input) input.checked = true;
                  break outer;
                }
              }
            }
          });
        }
      }
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
    },
    announce: function () {
      var el = document.querySelector("[data-md-component=announce]");
      if (el) {
        var content = el.querySelector(".md-typeset");
        if (content && window.__md_hash(content.innerHTML) === window.__md_get("__announce")) el.hidden = true;
      }
    },
    outdated: function () {
      var el = document.querySelector("[data-md-component=outdated]");
      var base = new URL(me.getAttribute("data-base") || ".", location);
      if (window.__md_get("__outdated", sessionStorage, base) === true && el) el.hidden = false;
    },
    consent: function () {
      var form = document.forms.consent;
      if (!form) return;
      var consent = window.__md_get("__consent");
      var i;
      if (consent) {
        for (i = 0; i < form.elements.length; i++) {
          if (form.elements[i].name) form.elements[i].checked = consent[form.elements[i].name] || false;
        }
      } else if (location.protocol !== "file:") {
        setTimeout(function () { document.querySelector("[data-md-component=consent]").hidden = false; }, 250);
      }
      ["submit", "reset"].forEach(function (action) {
        form.addEventListener(action, function (e) {
          e.preventDefault();
          if (e.type === "reset") {
            for (var n = 0; n < form.elements.length; n++) if (form.elements[n].name) form.elements[n].checked = false;
          }
          window.__md_set("__consent", Object.fromEntries(Array.from(new FormData(form).keys()).map(function (k) { return [k, true]; })));
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
