// @ts-check
/* Maths: typesets the formulas pymdownx.arithmatex left as text (`\(...\)`, `\[...\]`) with the
   KaTeX copy served by the site itself. Loaded only on courses with `maths: true`; runs again
   after Material's instant navigation. A formula KaTeX cannot read stays as its source text. */
(function () {
  'use strict';
  /** @param {ParentNode} root */
  function typeset(root) {
    const katex = window.katex;
    if (!katex) return;
    root.querySelectorAll('.arithmatex').forEach(function (el) {
      if (el.getAttribute('data-ci-maths')) return;
      var tex = el.textContent.trim(), display = el.tagName === 'DIV';
      tex = tex.replace(/^\\[([]/, '').replace(/\\[)\]]$/, '');
      try {
        katex.render(tex, el, {displayMode: display, throwOnError: false, output: 'htmlAndMathml'});
        el.setAttribute('data-ci-maths', 'done');
      } catch (e) { /* leave the source text */ }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { typeset(document); });
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { typeset(document); });
  else typeset(document);
})();
