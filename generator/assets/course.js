/* Course runtime: adds behaviour to the quiz HTML the generator renders. One file, no
   dependencies and no network: answers stay in this browser, and only in localStorage when
   the learner turns on "Remember my answers". Pure helpers first (scoring mirrors
   generator/scoring.py; tests/test_scoring_parity.py holds them in step), then one mount
   function per component, found by data attributes, then storage and start-up. */
(function (root) {
  'use strict';
  if (root.CourseRuntime) return;

  // ------------------------------------------------------------------ pure helpers

  /** Sign of s/n − f[0]/f[1] by integer cross-multiplication (n, f[1] > 0): exact, no rounding. */
  function cmpMean(s, n, f) { return s * f[1] - f[0] * n; }

  /** Id of the first band whose range holds the mean s/n, or null. */
  function bandOf(bands, s, n) {
    for (const b of bands) {
      const lo = b.lo ? cmpMean(s, n, b.lo) : 1, hi = b.hi ? cmpMean(s, n, b.hi) : -1;
      if ((lo > 0 || (lo === 0 && b.loInc)) && (hi < 0 || (hi === 0 && b.hiInc))) return b.id;
    }
    return null;
  }

  /** Score a self-check like generator.scoring.score_self_check. answers: item id -> anchor
      value; anything that is not a number ("na", null, missing) is no answer. */
  function scoreSelfCheck(data, answers) {
    const subscales = {}, raws = [];
    let n = 0, s = 0, enough = true;
    for (const sub of data.subscales) {
      const items = data.items.filter(i => i.subscale === sub.id);
      let k = 0, sum = 0;
      for (const i of items) {
        const v = answers[i.id];
        if (typeof v !== 'number') continue;
        k++; raws.push(v);
        sum += i.reverse ? data.lo + data.hi - v : v;
      }
      const band = k >= 1 && items.length - k <= data.maxMissing ? bandOf(data.bands, sum, k) : null;
      subscales[sub.id] = {answered: k, total: items.length, sum: sum, band: band};
      n += k; s += sum; enough = enough && band !== null;
    }
    return {
      subscales: subscales,
      overall: data.overall ? {answered: n, total: data.items.length, sum: s, band: enough ? bandOf(data.bands, s, n) : null} : null,
      identical: raws.length >= 3 && raws.every(v => v === raws[0]),
    };
  }

  /** Points for a choice answer. partial: right picks − wrong picks (never below 0) out of the correct count. */
  function gradeChoice(correct, picked, scoring) {
    const right = picked.filter(v => correct.indexOf(v) >= 0).length, wrong = picked.length - right;
    if (scoring === 'partial') return {pts: Math.max(0, right - wrong), tot: correct.length};
    return {pts: right === correct.length && !wrong ? 1 : 0, tot: 1};
  }

  /** Points for an ordering answer: items in their right place. */
  function gradeOrder(key, order) {
    return {pts: key.filter((id, i) => order[i] === id).length, tot: key.length};
  }

  /** Fill {name} placeholders. */
  function fmt(text, vars) {
    return String(text).replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? vars[k] : m));
  }

  const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/, HASH = /^[0-9a-f]{12}$/;
  const MAX_TEXT = 20000, MAX_LABEL = 500, MAX_FILE = 512000;
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObj = v => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isStr = (v, max) => typeof v === 'string' && v.length <= max;
  const isInt = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
  const isBool = v => typeof v === 'boolean';
  const ids = (v, max) => Array.isArray(v) && v.length <= max && v.every(x => typeof x === 'string' && ID.test(x));
  /** Every field an answer record may hold, with its check. */
  const FIELDS = {
    h: v => typeof v === 'string' && HASH.test(v), p: v => isStr(v, MAX_LABEL),
    sel: v => ids(v, 12), order: v => ids(v, 12), text: v => isStr(v, MAX_TEXT),
    a: v => isObj(v) && Object.keys(v).length <= 200 && Object.keys(v).every(k => ID.test(k) && (v[k] === 'na' || isInt(v[k], -1000, 1000))),
    done: isBool, live: isBool, rev: isBool, pts: v => isInt(v, 0, 100), tot: v => isInt(v, 1, 100),
    res: v => Array.isArray(v) && v.length <= 40 && v.every(x => isStr(x, MAX_LABEL)),
  };
  const TOP = ['v', 'course', 'exported', 'answers', 'visited'];

  /** Check stored or imported answers strictly. Returns {state, skipped}: answers to questions
      that changed or no longer exist are skipped. Throws Error(reason) for anything else. */
  function readData(d, cfg) {
    const bad = why => { throw new Error(why); };
    if (!isObj(d) || Object.keys(d).some(k => TOP.indexOf(k) < 0)) bad('shape');
    if (d.v !== cfg.version) bad('version');
    if (d.course !== cfg.course || !isObj(d.answers) || !ids(d.visited, 1000) ||
        (own(d, 'exported') && !isStr(d.exported, 40))) bad('shape');
    const known = cfg.questions, keys = Object.keys(d.answers), state = {answers: {}, visited: {}};
    if (keys.length > 5000) bad('size');
    let skipped = 0;
    for (const id of keys) {
      const r = d.answers[id];
      if (!ID.test(id) || !isObj(r) || !own(r, 'h') || Object.keys(r).some(k => !own(FIELDS, k) || !FIELDS[k](r[k]))) bad('shape');
      if (!isObj(known) || (own(known, id) && known[id] === r.h)) state.answers[id] = JSON.parse(JSON.stringify(r));
      else skipped++;
    }
    for (const l of d.visited) if (!Array.isArray(cfg.lessons) || cfg.lessons.indexOf(l) >= 0) state.visited[l] = true;
    return {state: state, skipped: skipped};
  }

  /** The learner's result on a checked question, in words. */
  function resultText(r, str) {
    if (r.order) return r.pts === r.tot ? str.order_correct : fmt(str.order_incorrect, {right: r.pts, total: r.tot});
    return r.pts === r.tot ? str.correct : r.pts ? fmt(str.partly_correct, {score: r.pts, total: r.tot}) : str.incorrect;
  }

  root.CourseRuntime = {scoreSelfCheck: scoreSelfCheck, gradeChoice: gradeChoice, gradeOrder: gradeOrder, readData: readData, fmt: fmt};
  if (typeof document === 'undefined') return;

  // ------------------------------------------------------------------ state

  let cfg = {}, str = {}, S = blank(), remember = false, broken = false, started = false, startNote = '';
  /** Mounted components on the page: {el, sync} where sync() redraws from S. */
  let parts = [];

  function blank() { return {answers: {}, visited: {}}; }
  const dataKey = () => cfg.storageKey + ':data';
  const store = () => root.localStorage;  // the getter itself may throw (storage disabled)

  function pack() {
    return {v: cfg.version, course: cfg.course, answers: S.answers, visited: Object.keys(S.visited)};
  }

  /** Where the page carries the course's question index (the home page), drop answers to
      questions that changed or no longer exist; other pages check their own questions as they mount. */
  function prune() {
    const known = cfg.questions;
    if (!isObj(known)) return;
    let gone = 0;
    for (const id of Object.keys(S.answers)) if (!own(known, id) || known[id] !== S.answers[id].h) { delete S.answers[id]; gone++; }
    if (gone) save();
  }

  function loadStored() {
    let raw;
    try { raw = store().getItem(dataKey()); } catch (e) { broken = true; startNote = str.storage_failed; return; }
    if (raw === null || raw === undefined) return;
    try {
      S = readData(JSON.parse(raw), cfg).state;
      remember = true;
    } catch (e) {
      if (e.message !== 'version') startNote = str.storage_corrupt;
      wipe();
    }
  }

  function save() {
    if (!remember || broken) return;
    try { store().setItem(dataKey(), JSON.stringify(pack())); } catch (e) {
      remember = false;
      wipe();
      qsa(document, '[data-ci-remember]').forEach(b => { b.checked = false; });
      note(str.storage_failed);
      progress();
    }
  }

  /** Remove every key this course stored (any version). */
  function wipe() {
    try {
      const ls = store(), pre = cfg.storageKey + ':';
      for (let i = ls.length - 1; i >= 0; i--) {
        const k = ls.key(i);
        if (k === cfg.storageKey || (k && k.indexOf(pre) === 0)) ls.removeItem(k);
      }
    } catch (e) { /* nothing stored that we could remove */ }
  }

  /** Update one question's record; it is keyed by id and carries the content hash. */
  function put(el, label, patch) {
    const id = el.dataset.ciId;
    S.answers[id] = Object.assign({}, S.answers[id], patch, {h: el.dataset.ciHash, p: label.slice(0, MAX_LABEL)});
    save();
  }

  // ------------------------------------------------------------------ DOM helpers

  function h(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function btn(label, cls) {
    const b = h('button', 'ci-btn' + (cls ? ' ' + cls : ''), label);
    b.type = 'button';
    return b;
  }
  const qsa = (el, sel) => Array.prototype.slice.call(el.querySelectorAll(sel));
  const words = el => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const rec = el => S.answers[el.dataset.ciId] || {};
  const lang = () => document.documentElement.lang || 'en';
  const num = x => x.toLocaleString(lang(), {maximumFractionDigits: 2});

  function note(text) {
    qsa(document, '[data-ci-storage-status]').forEach(p => { p.textContent = text; });
  }

  /** Buttons and the feedback live region shared by choice and ordering questions. */
  function controls(el, det) {
    const bar = h('div', 'ci-actions'), fb = h('div', 'ci-feedback');
    const ui = {check: btn(str.check), retry: btn(str.try_again), reveal: btn(str.reveal), fb: fb};
    fb.tabIndex = -1;
    fb.setAttribute('role', 'status');
    fb.setAttribute('aria-live', 'polite');
    bar.append(ui.check, ui.retry, ui.reveal);
    el.querySelector('fieldset').after(fb, bar);  // after checking, Tab leads from the feedback to Try again
    ui.reveal.addEventListener('click', () => {
      put(el, ui.label, {rev: true});
      ui.sync();
      det.querySelector('summary').focus();
    });
    ui.retry.addEventListener('click', () => {
      put(el, ui.label, {live: false});
      ui.sync();
      summary();
      ui.first().focus();
    });
    return ui;
  }

  /** Show or hide buttons and the answer key for a question's record. */
  function showState(ui, det, r) {
    ui.check.hidden = !!r.live;
    ui.retry.hidden = !r.live;
    det.hidden = !(r.rev || (r.live && r.pts === r.tot));
    if (r.rev) det.open = true;
    ui.reveal.hidden = !det.hidden;
    if (r.live) {
      const ok = r.pts === r.tot;
      ui.fb.prepend(h('p', 'ci-verdict-line ' + (ok ? 'ci-ok' : r.pts ? 'ci-part' : 'ci-bad'), resultText(r, str)));
    }
  }

  /** Tell listeners on this page (scorm.js in SCORM packages) that a knowledge check was
      checked: its id, lesson, kind and whether it was right. Nothing the learner chose. */
  function answered(el, g) {
    const lesson = document.querySelector('[data-ci-lesson]');
    document.dispatchEvent(new CustomEvent('ci:answer', {detail: {
      question: el.dataset.ciId, lesson: lesson ? lesson.dataset.ciLesson : null, kind: el.dataset.ciQuestion,
      correct: g.pts === g.tot, score: g.pts / g.tot,
    }}));
  }

  function fresh(el) {
    const id = el.dataset.ciId, r = S.answers[id];
    if (r && r.h !== el.dataset.ciHash) { delete S.answers[id]; save(); }  // the question changed
  }

  // ------------------------------------------------------------------ components

  function mountChoice(el) {
    const multi = el.dataset.ciQuestion === 'multiple_choice';
    const inputs = qsa(el, 'fieldset input'), det = el.querySelector('details.ci-answer');
    const opts = qsa(det, '[data-ci-option]');
    const correct = opts.filter(li => li.dataset.ciCorrect === 'true').map(li => li.dataset.ciOption);
    const ui = controls(el, det);
    const picked = () => inputs.filter(i => i.checked).map(i => i.value);
    ui.label = words(el.querySelector('.ci-prompt'));
    ui.first = () => inputs.filter(i => i.checked)[0] || inputs[0];
    inputs.forEach(i => i.addEventListener('change', () => put(el, ui.label, {sel: picked()})));
    ui.check.addEventListener('click', () => {
      const sel = picked();
      if (!sel.length) {
        ui.fb.textContent = '';
        ui.fb.append(h('p', 'ci-error', str[multi ? 'choose_all_first' : 'choose_first']));
        return;
      }
      const g = gradeChoice(correct, sel, multi ? el.dataset.ciScoring : '');
      put(el, ui.label, {sel: sel, done: true, live: true, pts: g.pts, tot: g.tot});
      answered(el, g);  // SCORM packages listen (scorm.js); the web edition ignores it
      ui.sync();
      summary();
      ui.fb.focus();
    });
    ui.sync = () => {
      const r = rec(el), sel = r.sel || [];
      inputs.forEach(i => { i.checked = sel.indexOf(i.value) >= 0; i.disabled = !!r.live; });
      ui.fb.textContent = '';
      if (r.live) {
        const ul = h('ul', 'ci-feedback-list');
        // Trusted, build-generated feedback: cloned, never rebuilt from text.
        opts.forEach(li => { if (sel.indexOf(li.dataset.ciOption) >= 0) ul.append(li.cloneNode(true)); });
        ui.fb.append(h('p', 'ci-chose', str.you_chose + ':'), ul);
      }
      showState(ui, det, r);
    };
    return ui.sync;
  }

  function mountOrdering(el) {
    const list = el.querySelector('ol.ci-order'), det = el.querySelector('details.ci-answer');
    const key = qsa(det, '.ci-key-order [data-ci-item]').map(li => li.dataset.ciItem);
    const lis = qsa(list, 'li[data-ci-item]'), start = lis.map(li => li.dataset.ciItem), btns = new Map();
    const ui = controls(el, det), said = h('p', 'ci-visually-hidden');
    const order = () => qsa(list, 'li[data-ci-item]').map(li => li.dataset.ciItem);
    said.setAttribute('aria-live', 'polite');
    el.querySelector('fieldset').append(said);
    ui.label = words(el.querySelector('.ci-prompt'));
    ui.first = () => btns.get(list.firstElementChild)[1];
    function enable() {
      const live = !!rec(el).live;
      qsa(list, 'li[data-ci-item]').forEach(li => {
        const [up, down] = btns.get(li);
        up.disabled = live || !li.previousElementSibling;
        down.disabled = live || !li.nextElementSibling;
      });
    }
    function move(li, dir, b) {
      const sib = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!sib) return;
      list.insertBefore(li, dir < 0 ? sib : sib.nextElementSibling);
      const now = order();
      put(el, ui.label, {order: now});
      enable();
      const [up, down] = btns.get(li);
      (b.disabled ? (b === up ? down : up) : b).focus();
      said.textContent = fmt(str.moved, {item: words(li.querySelector('.ci-order-text')), position: now.indexOf(li.dataset.ciItem) + 1, total: now.length});
    }
    lis.forEach(li => {
      const name = words(li.querySelector('.ci-order-text')), bar = h('span', 'ci-move-bar');
      const up = btn(str.move_up, 'ci-move'), down = btn(str.move_down, 'ci-move');
      up.setAttribute('aria-label', str.move_up + ': ' + name);
      down.setAttribute('aria-label', str.move_down + ': ' + name);
      up.addEventListener('click', () => move(li, -1, up));
      down.addEventListener('click', () => move(li, 1, down));
      bar.append(up, down);
      li.append(bar);
      btns.set(li, [up, down]);
    });
    ui.check.addEventListener('click', () => {
      const now = order(), g = gradeOrder(key, now);
      put(el, ui.label, {order: now, done: true, live: true, pts: g.pts, tot: g.tot});
      answered(el, g);  // SCORM packages listen (scorm.js); the web edition ignores it
      ui.sync();
      summary();
      ui.fb.focus();
    });
    ui.sync = () => {
      const r = rec(el), o = r.order;
      const ok = o && o.length === start.length && start.every(x => o.indexOf(x) >= 0);
      (ok ? o : start).forEach(x => list.append(lis[start.indexOf(x)]));
      ui.fb.textContent = '';
      enable();
      showState(ui, det, r);
    };
    return ui.sync;
  }

  function mountSelfCheck(el) {
    const data = JSON.parse(el.querySelector('[data-ci-json]').getAttribute('data-ci-json'));
    const label = el.dataset.ciTitle || el.dataset.ciId;
    const groups = data.items.map(it => ({id: it.id, inputs: qsa(el, 'input[name="q-' + data.id + '-' + it.id + '"]')}));
    const bar = h('div', 'ci-actions'), go = btn(str.self_check_score), clear = btn(str.self_check_reset);
    const msg = h('p', 'ci-error'), out = h('div', 'ci-results');
    msg.setAttribute('role', 'status');
    out.tabIndex = -1;
    bar.append(go, clear);
    el.querySelector('.ci-items').after(bar, msg, out);
    function answers() {
      const a = {};
      groups.forEach(g => {
        const c = g.inputs.filter(i => i.checked)[0];
        if (c) a[g.id] = c.value === 'na' ? 'na' : Number(c.value);
      });
      return a;
    }
    groups.forEach(g => g.inputs.forEach(i => i.addEventListener('change', () => {
      put(el, label, {a: answers()});
      if (rec(el).done) results();
    })));
    go.addEventListener('click', () => {
      const a = answers();
      if (!Object.keys(a).length) { msg.textContent = str.self_check_incomplete; return; }
      msg.textContent = '';
      put(el, label, {a: a, done: true});
      results();
      out.focus();
    });
    clear.addEventListener('click', () => {
      delete S.answers[el.dataset.ciId];
      save();
      sync();
      groups[0].inputs[0].focus();
    });
    function results() {
      const sc = scoreSelfCheck(data, rec(el).a || {}), lines = [];
      const rows = data.subscales.map(s => [s.id, s.title, sc.subscales[s.id]]);
      if (data.overall) rows.push(['overall', data.overall.title, sc.overall]);
      const table = h('table'), head = table.createTHead().insertRow(), body = table.createTBody();
      [str.subscale, fmt(str.mean, {lo: data.lo, hi: data.hi}), str.band].forEach(t => {
        const th = h('th', '', t);
        th.scope = 'col';
        head.append(th);
      });
      out.textContent = '';
      out.append(h('h3', 'ci-results-title', str.self_check_results));
      const notice = el.querySelector('.ci-notice');
      if (notice) out.append(notice.cloneNode(true));
      if (sc.identical) out.append(h('p', 'ci-identical', str.all_identical));
      rows.forEach(([sid, title, g]) => {
        const band = g.band ? data.bands.filter(b => b.id === g.band)[0] : null;
        const mean = band ? num(g.sum / g.answered) : '—';
        const line = band ? fmt(str.result_line, {band: band.label, mean: mean, answered: g.answered, total: g.total})
          : sid === 'overall' ? str.overall_not_enough : fmt(str.not_enough, {needed: g.total - data.maxMissing, total: g.total});
        const box = h('div', 'ci-result');
        box.append(h('h4', '', title), h('p', band ? 'ci-result-line' : 'ci-result-line ci-not-enough', line));
        const text = band && el.querySelector('.ci-band-texts[data-ci-subscale="' + sid + '"] .ci-band-text[data-ci-band="' + g.band + '"]');
        if (text) {
          const c = text.cloneNode(true);  // trusted build output, cloned
          if (c.firstElementChild) c.firstElementChild.remove();  // its label is in the line above
          box.append(c);
        }
        out.append(box);
        lines.push(title + ': ' + line);
        const tr = body.insertRow(), th = h('th', '', title);
        th.scope = 'row';
        tr.append(th, h('td', '', mean), h('td', '', band ? band.label : str.not_enough_short));
      });
      out.append(table, h('p', 'ci-chart-title', str.chart_title), chart(rows, data.lo, data.hi));
      const print = btn(str.print);
      print.addEventListener('click', () => {
        document.documentElement.classList.add('ci-print-results');
        out.classList.add('ci-print-me');
        root.print();
      });
      out.append(print);
      out.hidden = false;
      put(el, label, {res: lines});
    }
    function sync() {
      const r = rec(el), a = r.a || {};
      groups.forEach(g => g.inputs.forEach(i => { i.checked = own(a, g.id) && String(a[g.id]) === i.value; }));
      if (r.done) results(); else { out.hidden = true; out.textContent = ''; }
    }
    return sync;
  }

  /** A small bar chart of the averages; the table above is its text equivalent. */
  function chart(rows, lo, hi) {
    const NS = 'http://www.w3.org/2000/svg', W = 400, R = 34;
    const svg = document.createElementNS(NS, 'svg');
    const el = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(k => e.setAttribute(k, attrs[k]));
      if (text !== undefined) e.textContent = text;
      svg.append(e);
    };
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + rows.length * R);
    svg.setAttribute('class', 'ci-chart');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    rows.forEach(([, title, g], i) => {
      const y = i * R, mean = g.band ? g.sum / g.answered : null;
      el('text', {x: 0, y: y + 12}, title + (mean === null ? ': —' : ': ' + num(mean)));
      el('rect', {x: 0, y: y + 16, width: W, height: 12, rx: 2, class: 'ci-track'});
      if (mean !== null) el('rect', {x: 0, y: y + 16, width: Math.max(2, W * (mean - lo) / (hi - lo || 1)), height: 12, rx: 2, class: 'ci-bar'});
    });
    return svg;
  }

  function mountReflection(el) {
    const ta = el.querySelector('textarea'), label = words(el.querySelector('label'));
    ta.maxLength = MAX_TEXT;
    ta.addEventListener('input', () => put(el, label, {text: ta.value}));
    return () => { ta.value = rec(el).text || ''; };  // value, never markup
  }

  function mountStorage(el) {
    const box = el.querySelector('[data-ci-remember]');
    el.hidden = false;
    box.checked = remember;
    box.disabled = broken;
    box.addEventListener('change', () => {
      remember = box.checked;
      if (remember) {
        save();
        if (remember) note(str.remember_on);
      } else {
        wipe();
        note(str.remember_off);
      }
      progress();
    });
    el.querySelector('[data-ci-delete]').addEventListener('click', () => {
      wipe();
      S = blank();
      remember = false;
      box.checked = false;
      parts.forEach(p => p.sync());
      summary();
      progress();
      note(str.deleted);
    });
    qsa(el, '[data-ci-export]').forEach(b => b.addEventListener('click', () => download(b.dataset.ciExport === 'json')));
    const file = el.querySelector('[data-ci-import]');
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      file.value = '';
      if (f) importFile(f);
    });
  }

  function download(json) {
    const d = pack();
    d.exported = new Date().toISOString();
    const blob = new Blob([json ? JSON.stringify(d, null, 2) : summaryText(d)], {type: json ? 'application/json' : 'text/plain;charset=utf-8'});
    const a = h('a'), slug = String(cfg.storageKey).replace(/^ci:/, '') || 'course';
    a.href = URL.createObjectURL(blob);
    a.download = slug + (json ? '-answers.json' : '-summary.txt');
    a.click();  // detached link: instant navigation never sees it
    setTimeout(() => URL.revokeObjectURL(a.href), 4000);
  }

  function summaryText(d) {
    const out = [cfg.course, new Date(d.exported).toLocaleString(lang()), ''];
    Object.keys(d.answers).forEach(id => {
      const r = d.answers[id];
      out.push(r.p || id);
      if (r.done && r.tot) out.push('  ' + resultText(r, str));
      (r.res || []).forEach(l => out.push('  ' + l));
      if (r.text) out.push(r.text.replace(/^/gm, '  '));
      out.push('');
    });
    return out.join('\n');
  }

  function importFile(f) {
    const fail = why => note(fmt(str.import_failed, {reason: str['import_reason_' + why] || str.import_reason_shape}));
    if (f.size > MAX_FILE) return fail('size');
    f.text().then(t => {
      let got;
      try { got = readData(JSON.parse(t), cfg); } catch (e) { return fail(e instanceof SyntaxError ? 'json' : e.message); }
      Object.assign(S.answers, got.state.answers);
      Object.assign(S.visited, got.state.visited);
      save();
      parts.forEach(p => p.sync());
      summary();
      progress();
      const n = Object.keys(got.state.answers).length;
      note(fmt(str.imported, {count: n}) + (got.skipped ? ' ' + fmt(str.import_skipped, {count: got.skipped}) : ''));
    }, () => fail('json'));
  }

  function mountProgress(el) {
    el.prepend(h('p', 'ci-note ci-progress-note'));
  }

  function progress() {
    qsa(document, '.ci-progress-note').forEach(p => { p.textContent = str.progress_off; p.hidden = remember; });
    qsa(document, '[data-ci-progress-lesson]').forEach(sp => {
      const checks = (sp.dataset.ciProgressChecks || '').split(' ').filter(Boolean);
      const done = checks.filter(id => S.answers[id] && S.answers[id].done).length;
      sp.textContent = remember ? fmt(str.progress_state, {
        visited: S.visited[sp.dataset.ciProgressLesson] ? str.visited : str.not_visited,
        checks: fmt(str.checks_done, {done: done, total: checks.length}),
      }) : '';
    });
  }

  function mountSummary(el) {
    el.hidden = false;
  }

  /** "4 of 6 correct" plus links to the sections behind missed questions. */
  function summary() {
    const el = document.querySelector('[data-ci-lesson-summary] [data-ci-summary-body]');
    if (!el) return;
    const qs = qsa(document, '[data-ci-question]'), seen = {}, links = [];
    let done = 0, right = 0;
    qs.forEach(q => {
      const r = rec(q);
      if (!r.done || !r.tot) return;
      done++;
      if (r.pts === r.tot) right++;
      else if (q.dataset.ciRevisit && !seen[q.dataset.ciRevisit]) {
        seen[q.dataset.ciRevisit] = true;
        const a = h('a', '', q.dataset.ciRevisitTitle || q.dataset.ciRevisit);
        a.href = q.dataset.ciRevisit;
        links.push(a);
      }
    });
    const next = [h('p', '', done ? fmt(str.summary, {correct: right, total: qs.length}) : str.summary_none)];
    if (links.length) {
      const ul = h('ul');
      links.forEach(a => { const li = h('li'); li.append(a); ul.append(li); });
      next.push(h('p', '', str.summary_review), ul);
    }
    const probe = h('div');
    probe.append.apply(probe, next);
    if (probe.textContent !== el.textContent) { el.textContent = ''; el.append.apply(el, next); }  // only announce changes
  }

  // ------------------------------------------------------------------ start-up

  const MOUNTS = [
    ['[data-ci-storage]', mountStorage],
    ['[data-ci-question="single_choice"],[data-ci-question="multiple_choice"]', mountChoice],
    ['[data-ci-question="ordering"]', mountOrdering],
    ['[data-ci-selfcheck]', mountSelfCheck],
    ['[data-ci-reflection]', mountReflection],
    ['[data-ci-progress]', mountProgress],
    ['[data-ci-lesson-summary]', mountSummary],
  ];

  /** The build's JSON config, carried in a data attribute (never an inline script). */
  function readConfig() {
    const el = document.getElementById('ci-config');
    try {
      const d = el && JSON.parse(el.getAttribute('data-ci-config'));
      return isObj(d) && d.storageKey && isObj(d.strings) ? d : null;
    } catch (e) { return null; }
  }

  function init() {
    const c = readConfig();
    if (c) cfg = c;
    else if (!started) return;  // not a course page
    str = cfg.strings;
    if (!started) { started = true; loadStored(); }
    prune();
    parts = parts.filter(p => p.el.isConnected);
    const lesson = document.querySelector('[data-ci-lesson]');
    if (lesson) {
      S.visited[lesson.dataset.ciLesson] = true;
      save();
      document.dispatchEvent(new CustomEvent('ci:page', {detail: {lesson: lesson.dataset.ciLesson}}));  // for scorm.js
    }
    MOUNTS.forEach(([sel, mount]) => qsa(document, sel).forEach(el => {
      if (el.dataset.ciMounted) return;
      el.dataset.ciMounted = '1';
      if (el.dataset.ciId) fresh(el);
      const sync = mount(el);
      if (sync) { parts.push({el: el, sync: sync}); sync(); }
    }));
    if (startNote) note(startNote);
    if (!broken) startNote = '';
    summary();
    progress();
  }

  document.addEventListener('click', ev => {
    const a = ev.target.closest && ev.target.closest('a[data-ci-quick-exit]');
    if (a) { ev.preventDefault(); root.location.replace(a.href); }  // no way back with the Back button
  });

  // Print every answer and explanation; "Print my results" prints just the results.
  let opened = [];
  root.addEventListener('beforeprint', () => {
    opened = qsa(document, '.md-content details').filter(d => !d.open || d.hidden).map(d => [d, d.open, d.hidden]);
    opened.forEach(([d]) => { d.open = true; d.hidden = false; });
  });
  root.addEventListener('afterprint', () => {
    opened.forEach(([d, open, hidden]) => { d.open = open; d.hidden = hidden; });
    document.documentElement.classList.remove('ci-print-results');
    qsa(document, '.ci-print-me').forEach(e => e.classList.remove('ci-print-me'));
  });

  // Material's instant navigation swaps pages without reloading: document$ fires for each.
  // It never fires from file://, so start on DOMContentLoaded too (mounting is idempotent).
  if (root.document$ && typeof root.document$.subscribe === 'function') root.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : this);
