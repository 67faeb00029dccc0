/* Course runtime: adds behaviour to the quiz HTML the generator renders. One hand-written
   file, no dependencies, no network: answers stay in this browser, and only in localStorage
   when the learner turns on "Remember my answers". Sections: pure helpers (scoring mirrors
   generator/scoring.py, held in step by tests/test_scoring_parity.py), the one shared store,
   DOM helpers, components (each a mountX(el, ctx) found by a data attribute, returning an
   optional sync() that redraws it from the store), start-up. The only global is
   window.CourseRuntime. Every mount and sync runs in a guard: a component that throws shows
   a short message in its own element and the rest of the page keeps working.

   Events for other scripts (e.g. a SCORM adapter in its own file), dispatched on document:
     "ci:page"   detail {lesson}  once per lesson page mounted (also after instant navigation)
     "ci:answer" detail {question, lesson, kind, correct, score}  when a question is checked:
                 kind "single_choice" | "multiple_choice" | "ordering" | "self_check";
                 correct true | false (null for a self-check); score the points as a
                 fraction 0..1 (null for a self-check).
   lesson is the lesson id, or the page path on pages that are not lessons.

   Stored format (key "<storageKey>:data", written only with "remember" on), version 1:
     {v: 1, course, answers: {<question id>: record}, visited: [<lesson id>]}
   A record holds h (content hash), p (label) and the fields in FIELDS below. Records this
   runtime cannot read are never deleted: they are set aside, as their JSON text, under
   "<storageKey>:kept" (an array of {why, id?, raw}) and included in the JSON download. */
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
  const TOP = ['v', 'course', 'exported', 'answers', 'visited', 'kept'];
  const badRecord = r => !isObj(r) || !own(r, 'h') || Object.keys(r).some(k => !own(FIELDS, k) || !FIELDS[k](r[k]));
  /** A record set aside: {why, id?, raw}, raw being the JSON text exactly as it was found. */
  const isKept = v => isObj(v) && isStr(v.why, 40) && isStr(v.raw, MAX_FILE) && Object.keys(v).every(k => ['why', 'id', 'raw', 'at'].indexOf(k) >= 0 && isStr(v[k], MAX_FILE));

  /** Check an imported answers file strictly. hashOf(id): a question's current content hash,
      '' if it no longer exists, null if this page cannot tell. Returns {state, kept, skipped}
      (answers to changed or removed questions skipped); throws Error(reason) otherwise. */
  function readData(d, cfg, hashOf) {
    const bad = why => { throw new Error(why); };
    if (!isObj(d) || Object.keys(d).some(k => TOP.indexOf(k) < 0)) bad('shape');
    if (d.v !== cfg.version) bad('version');
    if (d.course !== cfg.course || !isObj(d.answers) || !ids(d.visited, 1000) ||
        (own(d, 'exported') && !isStr(d.exported, 40)) ||
        (own(d, 'kept') && !(Array.isArray(d.kept) && d.kept.length <= 1000 && d.kept.every(isKept)))) bad('shape');
    const keys = Object.keys(d.answers), state = {answers: {}, visited: {}};
    if (keys.length > 5000) bad('size');
    let skipped = 0;
    for (const id of keys) {
      const r = d.answers[id];
      if (!ID.test(id) || badRecord(r)) bad('shape');
      const now = hashOf ? hashOf(id) : null;
      if (now === null || now === r.h) state.answers[id] = JSON.parse(JSON.stringify(r));
      else skipped++;
    }
    for (const l of d.visited) if (!Array.isArray(cfg.lessons) || cfg.lessons.indexOf(l) >= 0) state.visited[l] = true;
    return {state: state, kept: (d.kept || []).map(k => JSON.parse(JSON.stringify(k))), skipped: skipped};
  }

  /** Read what this course stored here, keeping every part it can: a record that fails its
      check (or a whole store that is unreadable or of another version) comes back in `kept`
      as its JSON text, to be set aside, and the rest loads. The course title is not checked:
      the storage key says whose data this is (a retitled course may keep its key). */
  function readStored(raw, cfg) {
    const state = {answers: {}, visited: {}}, kept = [];
    let d;
    try { d = JSON.parse(raw); } catch (e) { d = null; }
    if (!isObj(d) || d.v !== cfg.version || !isObj(d.answers)) {
      kept.push({why: isObj(d) && d.v !== cfg.version ? 'version' : 'unreadable', raw: String(raw)});
      return {state: state, kept: kept};
    }
    for (const id of Object.keys(d.answers)) {
      const r = isObj(d.answers[id]) ? clampRecord(d.answers[id]) : d.answers[id];  // e.g. long lines from an older runtime
      if (ID.test(id) && !badRecord(r)) state.answers[id] = r;
      else kept.push({why: 'unreadable', id: String(id).slice(0, MAX_LABEL), raw: JSON.stringify(r === undefined ? null : r)});
    }
    if (Array.isArray(d.visited)) d.visited.forEach(l => { if (typeof l === 'string' && ID.test(l)) state.visited[l] = true; });
    return {state: state, kept: kept};
  }

  /** A record cut to the limits readStored checks, so what is written can always be read back. */
  function clampRecord(r) {
    const c = Object.assign({}, r);
    if (typeof c.p === 'string') c.p = c.p.slice(0, MAX_LABEL);
    if (typeof c.text === 'string') c.text = c.text.slice(0, MAX_TEXT);
    if (Array.isArray(c.res)) c.res = c.res.slice(0, 40).map(l => String(l).slice(0, MAX_LABEL));
    return c;
  }

  /** 32-bit FNV-1a hash of a string. */
  function hashText(text) {
    let x = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 16777619);
    return x >>> 0;
  }

  /** Shuffle the entries of list for which fixed(entry) is false among their own places
      (fixed entries keep theirs), with a small seeded generator (mulberry32): same seed, same order. */
  function shuffleWith(list, seed, fixed) {
    const out = list.slice(), free = [];
    list.forEach((x, i) => { if (!fixed(x)) free.push(i); });
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6D2B79F5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = free.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1)), x = out[free[i]];
      out[free[i]] = out[free[j]];
      out[free[j]] = x;
    }
    return out;
  }

  /** The learner's result on a checked question, in words. */
  function resultText(r, str) {
    if (r.order) return r.pts === r.tot ? str.order_correct : fmt(str.order_incorrect, {right: r.pts, total: r.tot});
    return r.pts === r.tot ? str.correct : r.pts ? fmt(str.partly_correct, {score: r.pts, total: r.tot}) : str.incorrect;
  }

  root.CourseRuntime = {
    scoreSelfCheck: scoreSelfCheck, gradeChoice: gradeChoice, gradeOrder: gradeOrder, readData: readData,
    readStored: readStored, shuffleWith: shuffleWith, hashText: hashText, fmt: fmt,
  };
  if (typeof document === 'undefined') return;

  // ------------------------------------------------------------------ the store

  const blank = () => ({answers: {}, visited: {}});
  const txt = () => store.cfg.strings || {};

  /** The one shared state: the learner's answers, what is set aside, and whether (and how)
      they are kept. Components read and change answers only through it. */
  const store = {
    cfg: {}, S: blank(), kept: [], remember: false, broken: false, note: '', started: false,
    /** Mounted components: {el, sync, view}; views (summary, progress) follow every change. */
    parts: [],
    /** Shuffled option lists: [box, authored rows, shown rows]; print shows the authored order. */
    shuffled: [],
    /** Answer keys opened for printing, to fold back after: [details, open, hidden]. */
    opened: [],
    ls: () => root.localStorage,  // the getter itself may throw (storage disabled)
    key: k => store.cfg.storageKey + ':' + k,
    get: id => store.S.answers[id] || {},
    pack: () => ({v: store.cfg.version, course: store.cfg.course, answers: store.S.answers, visited: Object.keys(store.S.visited)}),

    load() {
      let raw, kept;
      try {
        raw = store.ls().getItem(store.key('data'));
        kept = store.ls().getItem(store.key('kept'));
      } catch (e) { store.broken = true; store.note = txt().storage_failed; return; }
      if (kept !== null && kept !== undefined) {
        let k = null;
        try { k = JSON.parse(kept); } catch (e) { /* kept below as text */ }
        store.kept = Array.isArray(k) && k.every(isKept) ? k : [{why: 'unreadable', raw: String(kept)}];
      }
      if (raw === null || raw === undefined) return;
      const got = readStored(raw, store.cfg);
      store.S = got.state;
      store.remember = true;  // only a learner who opted in has a stored record
      if (got.kept.length) {
        store.note = txt().storage_corrupt;
        store.keep(got.kept);
        store.save();  // writes what was set aside before the data it came from
      }
    },

    /** Write the data (and anything set aside) when remembering. A failure (storage full)
        stops remembering for this page but deletes nothing already stored. */
    save() {
      if (!store.remember || store.broken) return;
      try {
        if (store.kept.length) store.ls().setItem(store.key('kept'), JSON.stringify(store.kept));
        store.ls().setItem(store.key('data'), JSON.stringify(store.pack()));
      } catch (e) {
        store.setRemember(false);
        store.note = txt().storage_failed;
        note(store.note);
        store.changed();
      }
    },

    /** Set records aside (in memory; save() writes them): never lost, included in the download. */
    keep(entries) {
      const seen = store.kept.map(k => k.why + k.id + k.raw);
      entries.forEach(k => { if (seen.indexOf(k.why + k.id + k.raw) < 0) store.kept.push(k); });
    },

    /** Remove every key this course stored (any version); only on the learner's request. */
    wipe() {
      try {
        const ls = store.ls(), pre = store.cfg.storageKey + ':';
        for (let i = ls.length - 1; i >= 0; i--) {
          const k = ls.key(i);
          if (k === store.cfg.storageKey || (k && k.indexOf(pre) === 0)) ls.removeItem(k);
        }
      } catch (e) { /* nothing stored that we could remove */ }
    },

    setRemember(on) {
      store.remember = on;
      qsa(document, '[data-ci-remember]').forEach(b => { b.checked = on; });
    },

    /** Update one question's record; it is keyed by id and carries the content hash. */
    put(el, label, patch) {
      const id = el.dataset.ciId;
      store.S.answers[id] = clampRecord(Object.assign({}, store.S.answers[id], patch, {h: el.dataset.ciHash, p: label}));
      store.save();
    },

    drop(id) {
      delete store.S.answers[id];
      store.save();
    },

    /** An answer to an earlier version of a question: set aside, no longer shown. */
    retire(id) {
      store.keep([{why: 'changed', id: id, raw: JSON.stringify(store.S.answers[id])}]);
      store.drop(id);
    },

    /** Where the page carries the course's question index (the home page), retire answers to
        questions that changed or no longer exist; other pages check their own questions as they mount. */
    prune() {
      const known = store.cfg.questions;
      if (isObj(known)) Object.keys(store.S.answers).forEach(id => { if (!own(known, id) || known[id] !== store.S.answers[id].h) store.retire(id); });
    },

    changed: () => store.parts.forEach(p => { if (p.view) guard(p.el, p.sync); }),
    redraw: () => store.parts.forEach(p => guard(p.el, p.sync)),
  };

  /** Run one component's code; if it throws, say so in its own element and carry on. */
  function guard(el, fn) {
    try { fn(); } catch (e) {
      if (el.querySelector(':scope > .ci-broken')) return;
      el.hidden = false;  // the storage panel and the summary start hidden
      el.append(h('p', 'ci-error ci-broken', txt().component_failed));
    }
  }

  function emit(name, detail) { document.dispatchEvent(new CustomEvent(name, {detail: detail})); }

  /** A question was checked: views follow, and listeners hear of it. g is null for a self-check. */
  function answered(el, ctx, kind, g) {
    store.changed();
    emit('ci:answer', {question: el.dataset.ciId, lesson: ctx.lesson, kind: kind, correct: g ? g.pts === g.tot : null, score: g ? g.pts / g.tot : null});
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
  const lang = () => document.documentElement.lang || 'en';
  const num = x => x.toLocaleString(lang(), {maximumFractionDigits: 2});

  function note(text) {
    qsa(document, '[data-ci-storage-status]').forEach(p => { p.textContent = text; });
  }

  /** Buttons and the feedback live region shared by choice and ordering questions. */
  function controls(el, det, t) {
    const bar = h('div', 'ci-actions'), fb = h('div', 'ci-feedback');
    const ui = {check: btn(t.check), retry: btn(t.try_again), reveal: btn(t.reveal), fb: fb};
    fb.tabIndex = -1;
    fb.setAttribute('role', 'status');
    fb.setAttribute('aria-live', 'polite');
    bar.append(ui.check, ui.retry, ui.reveal);
    el.querySelector('fieldset').after(fb, bar);  // after checking, Tab leads from the feedback to Try again
    ui.reveal.addEventListener('click', () => {
      store.put(el, ui.label, {rev: true});
      ui.sync();
      det.querySelector('summary').focus();
    });
    ui.retry.addEventListener('click', () => {
      store.put(el, ui.label, {live: false});
      ui.sync();
      store.changed();
      ui.first().focus();
    });
    return ui;
  }

  /** Show or hide buttons and the answer key for a question's record. */
  function showState(ui, det, r, t) {
    ui.check.hidden = !!r.live;
    ui.retry.hidden = !r.live;
    det.hidden = !(r.rev || (r.live && r.pts === r.tot));
    if (r.rev) det.open = true;
    ui.reveal.hidden = !det.hidden;
    if (r.live) {
      const ok = r.pts === r.tot;
      ui.fb.prepend(h('p', 'ci-verdict-line ' + (ok ? 'ci-ok' : r.pts ? 'ci-part' : 'ci-bad'), resultText(r, t)));
    }
  }

  // ------------------------------------------------------------------ components

  /** Put a choice question's options in an order that carries no cue. The server renders the
      authored order (so it stays with JavaScript off and in print); here the option rows are
      moved, so keyboard order follows what is seen, and answers stay keyed by option id.
      The seed is the question id plus its content hash, never anything stored: the order is
      the same on every reload and before or after the learner opts in to "remember", and it
      changes only when the question does. (A per-learner seed would need storing before any
      consent, or would reorder the options under the learner the moment they opt in.) */
  function shuffleOptions(el) {
    if (el.dataset.ciShuffle === 'false') return;
    const box = el.querySelector('.ci-options'), rows = qsa(box, '.ci-option');
    const mixed = shuffleWith(rows, hashText(el.dataset.ciId + ':' + el.dataset.ciHash), r => r.hasAttribute('data-ci-fixed'));
    mixed.forEach(r => box.append(r));
    store.shuffled.push([box, rows, mixed]);
  }

  function mountChoice(el, ctx) {
    const t = ctx.str, kind = el.dataset.ciQuestion, multi = kind === 'multiple_choice';
    shuffleOptions(el);
    const inputs = qsa(el, 'fieldset input'), det = el.querySelector('details.ci-answer');
    const opts = qsa(det, '[data-ci-option]');
    const correct = opts.filter(li => li.dataset.ciCorrect === 'true').map(li => li.dataset.ciOption);
    const ui = controls(el, det, t);
    const picked = () => inputs.filter(i => i.checked).map(i => i.value);
    ui.label = words(el.querySelector('.ci-prompt'));
    ui.first = () => inputs.filter(i => i.checked)[0] || inputs[0];
    inputs.forEach(i => i.addEventListener('change', () => store.put(el, ui.label, {sel: picked()})));
    ui.check.addEventListener('click', () => {
      const sel = picked();
      if (!sel.length) {
        ui.fb.textContent = '';
        ui.fb.append(h('p', 'ci-error', t[multi ? 'choose_all_first' : 'choose_first']));
        return;
      }
      const g = gradeChoice(correct, sel, multi ? el.dataset.ciScoring : '');
      store.put(el, ui.label, {sel: sel, done: true, live: true, pts: g.pts, tot: g.tot});
      ui.sync();
      answered(el, ctx, kind, g);
      ui.fb.focus();
    });
    ui.sync = () => {
      const r = store.get(el.dataset.ciId), sel = r.sel || [];
      inputs.forEach(i => { i.checked = sel.indexOf(i.value) >= 0; i.disabled = !!r.live; });
      ui.fb.textContent = '';
      if (r.live) {
        const ul = h('ul', 'ci-feedback-list');
        // Trusted, build-generated feedback: cloned, never rebuilt from text; in the order shown.
        inputs.forEach(i => opts.forEach(li => { if (li.dataset.ciOption === i.value && i.checked) ul.append(li.cloneNode(true)); }));
        ui.fb.append(h('p', 'ci-chose', t.you_chose + ':'), ul);
      }
      showState(ui, det, r, t);
    };
    return ui.sync;
  }

  function mountOrdering(el, ctx) {
    const t = ctx.str, list = el.querySelector('ol.ci-order'), det = el.querySelector('details.ci-answer');
    const key = qsa(det, '.ci-key-order [data-ci-item]').map(li => li.dataset.ciItem);
    const lis = qsa(list, 'li[data-ci-item]'), start = lis.map(li => li.dataset.ciItem), btns = new Map();
    const ui = controls(el, det, t), said = h('p', 'ci-visually-hidden');
    const order = () => qsa(list, 'li[data-ci-item]').map(li => li.dataset.ciItem);
    said.setAttribute('aria-live', 'polite');
    el.querySelector('fieldset').append(said);
    ui.label = words(el.querySelector('.ci-prompt'));
    ui.first = () => btns.get(list.firstElementChild)[1];
    function enable() {
      const live = !!store.get(el.dataset.ciId).live;
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
      store.put(el, ui.label, {order: now});
      enable();
      const [up, down] = btns.get(li);
      (b.disabled ? (b === up ? down : up) : b).focus();
      said.textContent = fmt(t.moved, {item: words(li.querySelector('.ci-order-text')), position: now.indexOf(li.dataset.ciItem) + 1, total: now.length});
    }
    lis.forEach(li => {
      const name = words(li.querySelector('.ci-order-text')), bar = h('span', 'ci-move-bar');
      const up = btn(t.move_up, 'ci-move'), down = btn(t.move_down, 'ci-move');
      up.setAttribute('aria-label', t.move_up + ': ' + name);
      down.setAttribute('aria-label', t.move_down + ': ' + name);
      up.addEventListener('click', () => move(li, -1, up));
      down.addEventListener('click', () => move(li, 1, down));
      bar.append(up, down);
      li.append(bar);
      btns.set(li, [up, down]);
    });
    ui.check.addEventListener('click', () => {
      const now = order(), g = gradeOrder(key, now);
      store.put(el, ui.label, {order: now, done: true, live: true, pts: g.pts, tot: g.tot});
      ui.sync();
      answered(el, ctx, 'ordering', g);
      ui.fb.focus();
    });
    ui.sync = () => {
      const r = store.get(el.dataset.ciId), o = r.order;
      const ok = o && o.length === start.length && start.every(x => o.indexOf(x) >= 0);
      (ok ? o : start).forEach(x => list.append(lis[start.indexOf(x)]));
      ui.fb.textContent = '';
      enable();
      showState(ui, det, r, t);
    };
    return ui.sync;
  }

  function mountSelfCheck(el, ctx) {
    const t = ctx.str, id = el.dataset.ciId;
    const data = JSON.parse(el.querySelector('[data-ci-json]').getAttribute('data-ci-json'));
    const label = el.dataset.ciTitle || id;
    const groups = data.items.map(it => ({id: it.id, inputs: qsa(el, 'input[name="q-' + data.id + '-' + it.id + '"]')}));
    const bar = h('div', 'ci-actions'), go = btn(t.self_check_score), clear = btn(t.self_check_reset);
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
      store.put(el, label, {a: answers()});
      if (store.get(id).done) results();
    })));
    go.addEventListener('click', () => {
      const a = answers();
      if (!Object.keys(a).length) { msg.textContent = t.self_check_incomplete; return; }
      msg.textContent = '';
      store.put(el, label, {a: a, done: true});
      results();
      answered(el, ctx, 'self_check', null);
      out.focus();
    });
    clear.addEventListener('click', () => {
      store.drop(id);
      sync();
      store.changed();
      groups[0].inputs[0].focus();
    });
    function results() {
      const sc = scoreSelfCheck(data, store.get(id).a || {}), lines = [];
      const rows = data.subscales.map(s => [s.id, s.title, sc.subscales[s.id]]);
      if (data.overall) rows.push(['overall', data.overall.title, sc.overall]);
      const table = h('table'), head = table.createTHead().insertRow(), body = table.createTBody();
      [t.subscale, fmt(t.mean, {lo: data.lo, hi: data.hi}), t.band].forEach(x => {
        const th = h('th', '', x);
        th.scope = 'col';
        head.append(th);
      });
      out.textContent = '';
      out.append(h('h3', 'ci-results-title', t.self_check_results));
      const notice = el.querySelector('.ci-notice');
      if (notice) out.append(notice.cloneNode(true));
      if (sc.identical) out.append(h('p', 'ci-identical', t.all_identical));
      rows.forEach(([sid, title, g]) => {
        const band = g.band ? data.bands.filter(b => b.id === g.band)[0] : null;
        const mean = band ? num(g.sum / g.answered) : '—';
        const line = band ? fmt(t.result_line, {band: band.label, mean: mean, answered: g.answered, total: g.total})
          : sid === 'overall' ? t.overall_not_enough : fmt(t.not_enough, {needed: g.total - data.maxMissing, total: g.total});
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
        tr.append(th, h('td', '', mean), h('td', '', band ? band.label : t.not_enough_short));
      });
      out.append(table, h('p', 'ci-chart-title', t.chart_title), chart(rows, data.lo, data.hi));
      const print = btn(t.print);
      print.addEventListener('click', () => {
        document.documentElement.classList.add('ci-print-results');
        out.classList.add('ci-print-me');
        root.print();
      });
      out.append(print);
      out.hidden = false;
      store.put(el, label, {res: lines});  // clampRecord keeps long lines within what loads back
    }
    function sync() {
      const r = store.get(id), a = r.a || {};
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
    ta.addEventListener('input', () => store.put(el, label, {text: ta.value}));
    return () => { ta.value = store.get(el.dataset.ciId).text || ''; };  // value, never markup
  }

  function mountStorage(el, ctx) {
    const t = ctx.str, box = el.querySelector('[data-ci-remember]');
    // Offered after an import while remembering is off, so imported answers can outlive the page.
    const offer = btn(t.import_remember);
    offer.hidden = true;
    el.querySelector('[data-ci-storage-status]').after(offer);
    el.hidden = false;
    box.checked = store.remember;
    box.disabled = store.broken;
    box.addEventListener('change', () => {
      store.setRemember(box.checked);
      offer.hidden = true;
      if (box.checked) {
        store.save();
        if (store.remember) note(t.remember_on);
      } else {
        store.wipe();
        note(t.remember_off);
      }
      store.changed();
    });
    offer.addEventListener('click', () => {
      box.checked = true;
      box.dispatchEvent(new Event('change'));
      box.focus();
    });
    el.querySelector('[data-ci-delete]').addEventListener('click', () => {
      store.wipe();
      store.S = blank();
      store.kept = [];
      store.setRemember(false);
      offer.hidden = true;
      store.redraw();
      note(t.deleted);
    });
    qsa(el, '[data-ci-export]').forEach(b => b.addEventListener('click', () => download(b.dataset.ciExport === 'json', ctx)));
    const file = el.querySelector('[data-ci-import]');
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      file.value = '';
      if (f) importFile(f, ctx, offer);
    });
  }

  function download(json, ctx) {
    const d = store.pack();
    if (store.kept.length) d.kept = store.kept;
    d.exported = new Date().toISOString();
    const blob = new Blob([json ? JSON.stringify(d, null, 2) : summaryText(d, ctx)], {type: json ? 'application/json' : 'text/plain;charset=utf-8'});
    const a = h('a'), slug = String(ctx.cfg.storageKey).replace(/^ci:/, '') || 'course';
    a.href = URL.createObjectURL(blob);
    a.download = slug + (json ? '-answers.json' : '-summary.txt');
    a.click();  // detached link: instant navigation never sees it
    setTimeout(() => URL.revokeObjectURL(a.href), 4000);
  }

  function summaryText(d, ctx) {
    const out = [ctx.cfg.course, new Date(d.exported).toLocaleString(lang()), ''];
    Object.keys(d.answers).forEach(id => {
      const r = d.answers[id];
      out.push(r.p || id);
      if (r.done && r.tot) out.push('  ' + resultText(r, ctx.str));
      (r.res || []).forEach(l => out.push('  ' + l));
      if (r.text) out.push(r.text.replace(/^/gm, '  '));
      out.push('');
    });
    return out.join('\n');
  }

  /** Import never puts an answer to another version of a question over the current one:
      answers to questions that changed or are gone are left out, and the message says so. */
  function importFile(f, ctx, offer) {
    const t = ctx.str, known = ctx.cfg.questions;
    const fail = why => note(fmt(t.import_failed, {reason: t['import_reason_' + why] || t.import_reason_shape}));
    const hashOf = id => {
      if (isObj(known)) return own(known, id) ? known[id] : '';
      const q = document.querySelector('[data-ci-id="' + id + '"]');  // id has passed the ID check
      return q ? q.dataset.ciHash : null;
    };
    if (f.size > MAX_FILE) return fail('size');
    f.text().then(text => {
      let got;
      try { got = readData(JSON.parse(text), ctx.cfg, hashOf); } catch (e) { return fail(e instanceof SyntaxError ? 'json' : e.message); }
      let n = 0, skipped = got.skipped;
      Object.keys(got.state.answers).forEach(id => {
        const r = got.state.answers[id], cur = store.S.answers[id];
        // This page cannot tell which version is current: keep the answer already here.
        if (cur && cur.h !== r.h && hashOf(id) === null) { skipped++; return; }
        store.S.answers[id] = r;
        n++;
      });
      Object.assign(store.S.visited, got.state.visited);
      store.keep(got.kept);
      store.save();
      store.redraw();
      let msg = fmt(t.imported, {count: n}) + (skipped ? ' ' + fmt(t.import_skipped, {count: skipped}) : '');
      if (!store.remember) {
        msg += ' ' + t.import_session;
        offer.hidden = store.broken;
      }
      note(msg);
    }, () => fail('json'));
  }

  function mountProgress(el, ctx) {
    const t = ctx.str, off = h('p', 'ci-note ci-progress-note');
    el.prepend(off);
    return () => {
      off.textContent = t.progress_off;
      off.hidden = store.remember;
      qsa(el, '[data-ci-progress-lesson]').forEach(sp => {
        const checks = (sp.dataset.ciProgressChecks || '').split(' ').filter(Boolean);
        const done = checks.filter(id => store.get(id).done).length;
        sp.textContent = store.remember ? fmt(t.progress_state, {
          visited: store.S.visited[sp.dataset.ciProgressLesson] ? t.visited : t.not_visited,
          checks: fmt(t.checks_done, {done: done, total: checks.length}),
        }) : '';
      });
    };
  }

  /** "4 of 6 correct" plus links to the sections behind missed questions. */
  function mountSummary(section, ctx) {
    const t = ctx.str, el = section.querySelector('[data-ci-summary-body]');
    section.hidden = false;
    return () => {
      const qs = qsa(document, '[data-ci-question]'), seen = {}, links = [];
      let done = 0, right = 0;
      qs.forEach(q => {
        const r = store.get(q.dataset.ciId);
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
      const next = [h('p', '', done ? fmt(t.summary, {correct: right, total: qs.length}) : t.summary_none)];
      if (links.length) {
        const ul = h('ul');
        links.forEach(a => { const li = h('li'); li.append(a); ul.append(li); });
        next.push(h('p', '', t.summary_review), ul);
      }
      const probe = h('div');
      probe.append.apply(probe, next);
      if (probe.textContent !== el.textContent) { el.textContent = ''; el.append.apply(el, next); }  // only announce changes
    };
  }

  // ------------------------------------------------------------------ start-up

  /** [selector, mount, is a view that follows every change] */
  const MOUNTS = [
    ['[data-ci-storage]', mountStorage],
    ['[data-ci-question="single_choice"],[data-ci-question="multiple_choice"]', mountChoice],
    ['[data-ci-question="ordering"]', mountOrdering],
    ['[data-ci-selfcheck]', mountSelfCheck],
    ['[data-ci-reflection]', mountReflection],
    ['[data-ci-progress]', mountProgress, true],
    ['[data-ci-lesson-summary]', mountSummary, true],
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
    if (c) store.cfg = c;
    else if (!store.started) return;  // not a course page
    const lessonEl = document.querySelector('[data-ci-lesson]');
    const ctx = {cfg: store.cfg, str: store.cfg.strings, lesson: lessonEl ? lessonEl.dataset.ciLesson : root.location.pathname};
    if (!store.started) { store.started = true; store.load(); }
    store.prune();
    store.parts = store.parts.filter(p => p.el.isConnected);
    if (lessonEl) { store.S.visited[ctx.lesson] = true; store.save(); }
    MOUNTS.forEach(([sel, mount, view]) => qsa(document, sel).forEach(el => {
      if (el.dataset.ciMounted) return;
      el.dataset.ciMounted = '1';
      guard(el, () => {
        const id = el.dataset.ciId;
        if (id && store.S.answers[id] && store.S.answers[id].h !== el.dataset.ciHash) store.retire(id);  // the question changed
        const sync = mount(el, ctx);
        if (sync) { store.parts.push({el: el, sync: sync, view: view}); sync(); }
      });
    }));
    if (store.note) note(store.note);
    if (!store.broken) store.note = '';
    store.changed();
    if (lessonEl && !lessonEl.dataset.ciPage) {  // init runs twice on a first load (DOMContentLoaded and document$)
      lessonEl.dataset.ciPage = '1';
      emit('ci:page', {lesson: ctx.lesson});
    }
  }

  document.addEventListener('click', ev => {
    const a = ev.target.closest && ev.target.closest('a[data-ci-quick-exit]');
    if (a) { ev.preventDefault(); root.location.replace(a.href); }  // no way back with the Back button
  });

  // Print every answer and explanation; "Print my results" prints just the results.
  root.addEventListener('beforeprint', () => {
    store.shuffled = store.shuffled.filter(([box]) => box.isConnected);
    store.shuffled.forEach(([box, rows]) => rows.forEach(r => box.append(r)));
    store.opened = qsa(document, '.md-content details').filter(d => !d.open || d.hidden).map(d => [d, d.open, d.hidden]);
    store.opened.forEach(([d]) => { d.open = true; d.hidden = false; });
  });
  root.addEventListener('afterprint', () => {
    store.shuffled.forEach(([box, , mixed]) => mixed.forEach(r => box.append(r)));
    store.opened.forEach(([d, open, hidden]) => { d.open = open; d.hidden = hidden; });
    document.documentElement.classList.remove('ci-print-results');
    qsa(document, '.ci-print-me').forEach(e => e.classList.remove('ci-print-me'));
  });

  // Material's instant navigation swaps pages without reloading: document$ fires for each.
  // It never fires from file://, so start on DOMContentLoaded too (mounting is idempotent).
  if (root.document$ && typeof root.document$.subscribe === 'function') root.document$.subscribe(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : this);
