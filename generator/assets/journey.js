// @ts-check
/* Journey: the parts of the course runtime that only some pages need. course.js fetches this
   file (need()) on pages that use it (home, Review, pages with a self-check) and when the
   learner downloads or imports answers. Needs course.js (window.CourseRuntime: the one store,
   the id rule, the stored-format validators and the hook rules, all defined there only).
   A classic script like course.js, for the same reason (file://); the pure parts are exported
   for Node (tests/js/).
   - Self-check attempts: each placement of a self-check keeps its answers under its own
     record id (data-ci-id; data-ci-of names the self-check), so a placement with
     `attempt: new` starts empty. Scoring one records an attempt {at, k, h, a} in
     store.S.attempts[<self-check id>]; changing answers after scoring updates that attempt.
     Earlier attempts are compared with the current one (compareAttempts mirrors
     generator/core/attempts.py, held in step by tests/test_scoring_parity.py).
   - Review queue: course.js schedules every checked question with its Leitner rule
     (reschedule); the Review page shows the due questions of visited lessons in a fresh order.
   - Home: progress per lesson, where to continue, the next step, attempts and due reviews.
   - Import: a file is checked as strictly as the store checks what it reads, and joined to
     what is stored within every limit the store enforces.
   Every write goes through store.commit (it writes storage only when "remember" is on). */
(function (root) {
  'use strict';
  const R = root.CourseRuntime;
  if (!R || (root.CourseJourney && root.CourseJourney.download)) return;


  const {isId, own, isObj, isStr, ids, dict, clean, blank, badRecord, isKept, MORE, more, upgrade, fmt,
    LIMITS, mergeAttempts, withinLimits, addKept, versionOf} = R;

  /**
   * Sign of the change between two scored groups' means (b before, n now), exactly:
   * 'higher', 'lower', 'same', or null when either has no result.
   * @param {Group | null | undefined} b @param {Group | null | undefined} n
   */
  function change(b, n) {
    if (!b || !n || b.band === null || n.band === null) return null;
    const d = n.sum * b.answered - b.sum * n.answered;
    return d > 0 ? 'higher' : d < 0 ? 'lower' : 'same';
  }

  /**
   * Compare two attempts' answers on one self-check: {<subscale id or 'overall'>: change}.
   * @param {SelfCheckData} data @param {Answers} before @param {Answers} now
   * @returns {{[group: string]: string | null}}
   */
  function compareAttempts(data, before, now) {
    const b = R.scoreSelfCheck(data, before), n = R.scoreSelfCheck(data, now), out = dict();
    data.subscales.forEach(s => { out[s.id] = change(b.subscales[s.id], n.subscales[s.id]); });
    if (data.overall) out.overall = change(b.overall, n.overall);
    return out;
  }

  /**
   * An attempt's date in the page's language (with the time when long), or words for a date
   * that was not recorded or is not a date.
   * @param {unknown} at @param {boolean | number} long @param {string} language @param {string} undated
   */
  function dateText(at, long, language, undated) {
    const time = typeof at === 'string' && at ? Date.parse(at) : NaN;
    if (Number.isNaN(time)) return undated;
    return new Date(time).toLocaleString(language, long ? {dateStyle: 'medium', timeStyle: 'short'} : {dateStyle: 'medium'});
  }

  // ------------------------------------------------------------------ import

  const TOP = ['v', 'course', 'exported', 'answers', 'visited', 'kept', 'attempts', 'sched'];

  /**
   * @typedef {object} Imported
   * @property {State} state
   * @property {Kept[]} kept
   * @property {number} skipped answers to changed or removed questions, left out
   */
  /**
   * Check an imported answers file strictly. hashOf(id): a question's current content hash,
   * '' if it no longer exists, null if this page cannot tell. Throws Error(reason) otherwise:
   * 'shape', 'version' (a file from another version: a newer one is never read) or 'size'.
   * @param {any} d @param {Config} cfg @param {(id: string) => string | null} hashOf
   * @returns {Imported}
   */
  function readData(d, cfg, hashOf) {
    /** @param {string} why @returns {never} */
    const bad = why => { throw new Error(why); };
    if (!isObj(d) || Object.keys(d).some(k => TOP.indexOf(k) < 0)) bad('shape');
    const v = versionOf(d);
    if (v !== null && v > cfg.version) bad('version');
    upgrade(d);
    if (d.v !== cfg.version) bad('version');
    if (isObj(d.answers) && Object.keys(d.answers).length > LIMITS.answers) bad('size');
    if (d.course !== cfg.course || !isObj(d.answers) || !ids(d.visited, LIMITS.visited) ||
        (own(d, 'exported') && !isStr(d.exported, 40)) ||
        (own(d, 'kept') && !(Array.isArray(d.kept) && d.kept.length <= LIMITS.kept && d.kept.every(isKept))) ||
        Object.keys(MORE).some(k => own(d, k) && !MORE[k](d[k]))) bad('shape');
    const state = blank();
    more(d, state);
    let skipped = 0;
    for (const id of Object.keys(d.answers)) {
      const r = d.answers[id];
      if (!isId(id) || badRecord(r)) bad('shape');
      const now = hashOf(id);
      if (now === null || now === r.h) state.answers[id] = clean(r);
      else skipped++;
    }
    for (const l of d.visited) if (!Array.isArray(cfg.lessons) || cfg.lessons.indexOf(l) >= 0) state.visited[l] = true;
    return {state: state, kept: (d.kept || []).map(clean), skipped: skipped};
  }

  /**
   * Join an imported file to the store's state, in place, never past a limit the store
   * enforces: attempts are merged (each once, the newest LIMITS.attempts kept, as when an
   * attempt is taken) and a join that would hold too many answers, lessons, schedule entries
   * or set-aside records changes nothing and returns null. Answers to questions this page
   * cannot date (hashOf null) never replace a different one already here.
   * @param {State} S @param {Kept[]} kept @param {Imported} got @param {(id: string) => string | null} hashOf
   * @returns {{count: number, skipped: number} | null}
   */
  function mergeImport(S, kept, got, hashOf) {
    const next = clean({answers: S.answers, visited: S.visited, attempts: S.attempts, sched: S.sched});
    const nextKept = addKept(kept.slice(), got.kept);
    let count = 0, skipped = got.skipped;
    Object.keys(got.state.answers).forEach(id => {
      const r = got.state.answers[id], cur = own(next.answers, id) ? next.answers[id] : null;
      if (cur && cur.h !== r.h && hashOf(id) === null) { skipped++; return; }
      next.answers[id] = r;
      count++;
    });
    Object.keys(got.state.visited).forEach(l => { next.visited[l] = true; });
    Object.keys(got.state.sched).forEach(id => { next.sched[id] = got.state.sched[id]; });
    Object.keys(got.state.attempts).forEach(id => {
      next.attempts[id] = mergeAttempts(own(next.attempts, id) ? next.attempts[id] : [], got.state.attempts[id]);
    });
    if (!withinLimits(next, nextKept)) return null;
    Object.assign(S, next);
    kept.splice(0, kept.length, ...nextKept);
    return {count: count, skipped: skipped};
  }

  /**
   * Add or update the attempt a scored self-check's record belongs to, in S.
   * @param {State} S @param {string} key the record id @param {string} of the self-check id
   */
  function recordAttempt(S, key, of) {
    const r = own(S.answers, key) ? S.answers[key] : null;
    if (!r || !r.done || !r.a || !r.h) return;
    const list = S.attempts[of] = own(S.attempts, of) ? S.attempts[of] : [];
    let cur = r.at !== undefined ? list.filter(x => x.at === r.at && x.k === key)[0] : undefined;
    if (!cur) {
      r.at = new Date().toISOString();
      cur = {at: r.at, k: key, h: r.h, a: r.a};
      list.push(cur);
      if (list.length > LIMITS.attempts) list.shift();
    }
    cur.a = clean(r.a);
    cur.h = r.h;
  }

  const pure = {compareAttempts: compareAttempts, readData: readData, mergeImport: mergeImport, dateText: dateText, recordAttempt: recordAttempt};
  root.CourseJourney = pure;
  if (typeof module === 'object' && module && module.exports) module.exports = pure;
  if (typeof document === 'undefined' || !R.store) return;

  const store = R.store, {h, btn, qsa, one, attr, note, lang, hooks, components, link} = R;
  const t = () => store.cfg.strings;
  /** @param {unknown} at @param {boolean | number} [long] */
  const when = (at, long) => dateText(at, !!long, lang(), t().attempt_undated);

  // ------------------------------------------------------------------ download and import

  /** @param {boolean} json @param {{cfg: Config, str: {[key: string]: string}}} ctx */
  function download(json, ctx) {
    /** @type {{[key: string]: any}} */
    const d = store.pack();
    if (store.kept.length) d.kept = store.kept;
    d.exported = new Date().toISOString();
    const blob = new Blob([json ? JSON.stringify(d, null, 2) : summaryText(d, ctx)], {type: json ? 'application/json' : 'text/plain;charset=utf-8'});
    const a = /** @type {HTMLAnchorElement} */ (h('a')), slug = String(ctx.cfg.storageKey).replace(/^ci:/, '') || 'course';
    const files = isObj(ctx.cfg.files) ? ctx.cfg.files : {};
    const named = json ? files.answers : files.summary;
    a.href = URL.createObjectURL(blob);
    // Named by the build (generator/core/identity.py: course id, words in the course language).
    a.download = typeof named === 'string' && named ? named : slug + (json ? '-answers.json' : '-summary.txt');
    a.click();  // detached link: instant navigation never sees it
    setTimeout(() => URL.revokeObjectURL(a.href), 4000);
  }

  /** @param {{[key: string]: any}} d @param {{cfg: Config, str: {[key: string]: string}}} ctx */
  function summaryText(d, ctx) {
    const out = [ctx.cfg.course, when(d.exported, 1), ''];
    Object.keys(d.answers).forEach(id => {
      const r = d.answers[id];
      out.push(r.p || id);
      if (r.done && r.tot) out.push('  ' + R.resultText(r, ctx.str));
      (r.res || []).forEach((/** @type {string} */ l) => out.push('  ' + l));
      if (r.text) out.push(r.text.replace(/^/gm, '  '));
      out.push('');
    });
    // Self-check attempts: when each was taken (each one's answers are in the JSON download).
    Object.keys(d.attempts || {}).forEach(id => {
      out.push(ctx.str.attempts_yours + ': ' + ((own(d.answers, id) && d.answers[id].p) || id));
      d.attempts[id].forEach((/** @type {Attempt} */ x) => out.push('  ' + when(x.at, 1)));
      out.push('');
    });
    return out.join('\n');
  }

  /**
   * A question's current content hash for an import: from the home page's index, else from
   * this page's own components; '' if it no longer exists, null if this page cannot tell.
   * @param {Config} cfg
   * @returns {(id: string) => string | null}
   */
  function hashLookup(cfg) {
    const known = cfg.questions, here = components();
    return id => {
      if (isObj(known)) return own(known, id) ? known[id] : '';
      return own(here, id) ? attr(here[id], 'data-ci-hash') : null;
    };
  }

  /**
   * Import never puts an answer to another version of a question over the current one:
   * answers to questions that changed or are gone are left out, and the message says so.
   * @param {File} f @param {{cfg: Config, str: {[key: string]: string}}} ctx @param {HTMLElement} offer
   */
  function importFile(f, ctx, offer) {
    const t = ctx.str, hashOf = hashLookup(ctx.cfg);
    const fail = (/** @type {string} */ why) => note(fmt(t.import_failed, {reason: t['import_reason_' + why] || t.import_reason_shape}));
    if (f.size > LIMITS.file) return fail('size');
    f.text().then(text => {
      let got;
      try { got = readData(JSON.parse(text), ctx.cfg, hashOf); } catch (e) { return fail(e instanceof SyntaxError ? 'json' : /** @type {Error} */ (e).message); }
      /** @type {{count: number, skipped: number} | null} */
      let done = null;
      store.commit((S, kept) => {
        done = mergeImport(S, kept, got, hashOf);
        return done !== null;
      });
      if (!done) return fail('size');
      const result = /** @type {{count: number, skipped: number}} */ (done);
      store.redraw();
      let msg = fmt(t.imported, {n: result.count}) + (result.skipped ? ' ' + fmt(t.import_skipped, {n: result.skipped}) : '');
      if (!store.remember) {
        msg += ' ' + t.import_session;
        offer.hidden = store.broken || store.newer;
      }
      note(msg);
    }, () => fail('json'));
  }

  // ------------------------------------------------------------------ self-check attempts

  /** @param {HTMLElement} el */
  const recordOf = el => ({key: attr(el, 'data-ci-id'), of: el.dataset.ciOf && isId(el.dataset.ciOf) ? el.dataset.ciOf : attr(el, 'data-ci-id')});

  /** Called by course.js (inside its commit) when a question is checked: a scored self-check becomes an attempt. */
  store.onAnswer = (/** @type {HTMLElement} */ el, /** @type {State} */ S) => {
    if (!el.hasAttribute('data-ci-selfcheck')) return;
    const r = recordOf(el);
    recordAttempt(S, r.key, r.of);
  };

  /**
   * The attempts table and chart: earlier attempts beside the current one, with the change.
   * @param {SelfCheckData} data @param {Attempt[]} earlier @param {Attempt} now @param {{[key: string]: string}} str
   * @returns {Node[]}
   */
  function attemptsTable(data, earlier, now, str) {
    const last = earlier[earlier.length - 1], diff = compareAttempts(data, last.a, now.a);
    const shown = earlier.concat([now]), groups = data.subscales.map(s => [s.id, s.title]);
    if (data.overall) groups.push(['overall', data.overall.title]);
    const scores = shown.map(x => R.scoreSelfCheck(data, x.a));
    const g = (/** @type {Scored} */ sc, /** @type {string} */ id) => (id === 'overall' ? sc.overall : sc.subscales[id]);
    const mean = (/** @type {Group | null} */ x) => (x && x.band !== null ? R.num(x.sum / x.answered) : '—');
    const table = /** @type {HTMLTableElement} */ (h('table')), head = table.createTHead().insertRow(), tb = table.createTBody();
    table.append(h('caption', '', fmt(str.attempts_caption, {lo: data.lo, hi: data.hi})));
    [str.subscale].concat(shown.map(x => (x === now ? str.attempt_now : when(x.at))), [str.attempt_change]).forEach(x => {
      const th = /** @type {HTMLTableCellElement} */ (h('th', '', x));
      th.scope = 'col';
      head.append(th);
    });
    /** @type {Row[]} */
    const rows = [];
    groups.forEach(([id, title]) => {
      const tr = tb.insertRow(), th = /** @type {HTMLTableCellElement} */ (h('th', '', title));
      th.scope = 'row';
      tr.append(th);
      scores.forEach((sc, i) => {
        tr.append(h('td', '', mean(g(sc, id))));
        rows.push([id, title + ' · ' + (shown[i] === now ? str.attempt_now : when(shown[i].at)), g(sc, id)]);
      });
      const d = diff[id];
      tr.append(h('td', '', d ? str['change_' + d] : str.change_none));
    });
    return [table, h('p', 'ci-chart-title', str.attempts_chart), R.chart(rows, data.lo, data.hi), h('p', 'ci-note', str.change_note)];
  }

  /**
   * The list of attempts, each with a button that deletes it.
   * @param {HTMLElement} el @param {HTMLElement} box @param {Attempt[]} all @param {(x: Attempt) => boolean} mine
   * @param {{key: string, of: string}} rec @param {{[key: string]: string}} str
   */
  function attemptList(el, box, all, mine, rec, str) {
    const ul = h('ul', 'ci-attempt-list');
    all.forEach(x => {
      const li = h('li', '', (mine(x) ? str.attempt_now + ' (' + when(x.at, 1) + ')' : when(x.at, 1)) + ' ');
      const del = btn(fmt(str.attempt_delete, {date: mine(x) ? str.attempt_now : when(x.at, 1)}));
      const its = mine(x);
      del.addEventListener('click', () => {
        store.commit(S => {
          const list = own(S.attempts, rec.of) ? S.attempts[rec.of] : [];
          const at = list.findIndex(y => y.at === x.at && y.k === x.k);  // S may be another tab's newer copy
          if (at >= 0) list.splice(at, 1);
          if (!list.length) delete S.attempts[rec.of];
          if (its && own(S.answers, rec.key)) delete S.answers[rec.key].at;
        });
        store.redraw();
        note(str.attempt_deleted);
        const first = box.querySelector('button') || el.querySelector('.ci-results button, input');
        if (first) /** @type {HTMLElement} */ (first).focus();
      });
      li.append(del);
      ul.append(li);
    });
    return [h('h4', '', str.attempts_yours), ul];
  }

  /** @param {HTMLElement} el */
  function mountAttempts(el) {
    const rec = recordOf(el), str = t(), data = R.selfCheckData(el);
    const box = h('section', 'ci-attempts');
    box.setAttribute('aria-label', str.attempts_title);
    el.append(box);
    // Answers changed after scoring re-score at once (course.js): the attempt follows.
    el.addEventListener('change', () => {
      if (!store.get(rec.key).done) return;
      store.commit(S => recordAttempt(S, rec.key, rec.of));
      store.changed();
    });
    return () => {
      const r = store.get(rec.key), hash = attr(el, 'data-ci-hash');
      const all = (own(store.S.attempts, rec.of) ? store.S.attempts[rec.of] : []).filter(x => x.h === hash);
      const mine = (/** @type {Attempt} */ x) => !!r.done && x.k === rec.key && x.at === r.at;
      const earlier = all.filter(x => !mine(x)), now = all.filter(mine)[0], out = el.querySelector('.ci-results');
      (out && !(/** @type {HTMLElement} */ (out)).hidden ? out : el).append(box);  // inside the results, so "Print my results" prints it
      box.textContent = '';
      box.hidden = !earlier.length;
      if (!earlier.length) return;
      box.append(h('h3', '', str.attempts_title));
      if (!now) box.append(h('p', 'ci-note', fmt(str.attempts_before, {n: earlier.length, date: when(earlier[earlier.length - 1].at, 1)})));
      else box.append(...attemptsTable(data, earlier, now, str));
      box.append(...attemptList(el, box, all, mine, rec, str));
    };
  }

  // ------------------------------------------------------------------ review page

  /** @param {string} id @param {number} day */
  const isDue = (id, day) => { const s = own(store.S.sched, id) ? store.S.sched[id] : null; return !!s && s[1] <= day; };
  /** @param {HTMLElement} item */
  const itemId = item => attr(one(item, '[data-ci-id]'), 'data-ci-id');

  /** @param {HTMLElement} el */
  function mountReview(el) {
    const str = t(), items = qsa(el, '[data-ci-review-item]'), list = one(el, '[data-ci-review-list]');
    const status = one(el, '[data-ci-review-status]'), off = one(el, '[data-ci-review-off]');
    const practise = btn(str.review_practice);
    status.after(practise);
    el.hidden = false;
    /** @param {HTMLElement[]} chosen */
    function show(chosen) {
      items.forEach(i => { i.hidden = true; });
      const picked = R.shuffleWith(chosen, Date.now(), () => false);
      store.commit(S => {  // a fresh try of each question shown
        picked.forEach(i => {
          const id = itemId(i), r = own(S.answers, id) ? S.answers[id] : null;
          if (r && r.live) { r.live = false; delete r.sel; delete r.order; delete r.rev; }
        });
      });
      picked.forEach((i, n) => {
        const label = i.querySelector('.ci-num');
        if (label) label.textContent = str.question + ' ' + (n + 1);
        i.hidden = false;
        list.append(i);
      });
      store.redraw();
    }
    const day = R.today(), seen = (/** @type {HTMLElement} */ i) => own(store.S.visited, attr(i, 'data-ci-lesson-of'));
    const due = items.filter(i => seen(i) && isDue(itemId(i), day));
    off.hidden = store.remember;
    if (due.length) { status.textContent = fmt(str.review_due, {n: due.length}); show(due); }
    else {
      const next = items.map(i => store.S.sched[itemId(i)]).filter(Boolean).map(s => s[1]).sort((a, b) => a - b)[0];
      status.textContent = next ? fmt(str.review_none_until, {date: new Date(next * 864e5).toLocaleDateString(lang(), {dateStyle: 'medium'})}) : str.review_none;
    }
    practise.addEventListener('click', () => {
      const pool = items.filter(seen);
      show(R.shuffleWith(pool.length ? pool : items, Date.now(), () => false).slice(0, 8));
      status.textContent = str.review_practising;
      const first = list.querySelector('[data-ci-review-item]:not([hidden]) input, [data-ci-review-item]:not([hidden]) button');
      if (first) /** @type {HTMLElement} */ (first).focus();
    });
  }

  // ------------------------------------------------------------------ home

  /**
   * @typedef {object} LessonLine
   * @property {string} id
   * @property {HTMLAnchorElement | null} link
   * @property {boolean} visited
   */

  /**
   * One lesson's progress line in the home page's list; returns the lesson and its due reviews.
   * @param {HTMLElement} sp @param {number} day @param {{[key: string]: string}} str
   * @returns {[LessonLine, number]}
   */
  function lessonProgress(sp, day, str) {
    const S = store.S, lid = attr(sp, 'data-ci-progress-lesson'), visited = own(S.visited, lid);
    const checks = attr(sp, 'data-ci-progress-checks').split(' ').filter(isId);
    const rs = checks.map(id => store.get(id)), done = rs.filter(r => r.done);
    const scored = done.filter(r => r.tot), right = scored.filter(r => r.pts === r.tot).length;
    const a = sp.parentNode ? /** @type {HTMLAnchorElement | null} */ (sp.parentNode.querySelector('a')) : null;
    sp.textContent = store.remember || visited || done.length ? fmt(str.progress_state, {
      visited: visited ? str.visited : str.not_visited,
      checks: fmt(str.checks_done, {done: done.length, n: checks.length}) + (scored.length ? '; ' + fmt(str.checks_right, {right: right, total: scored.length}) : ''),
    }) : '';
    return [{id: lid, link: a, visited: visited}, visited ? checks.filter(id => isDue(id, day)).length : 0];
  }

  /** @param {HTMLElement} el */
  function mountHome(el) {
    const str = t(), spans = hooks('[data-ci-progress-lesson]'), off = one(el, '[data-ci-home-off]');
    const body = one(el, '[data-ci-home-body]');
    /** @type {{id: string, title: string}[]} */
    const scs = JSON.parse(attr(el, 'data-ci-home') || '[]');
    el.hidden = false;
    return () => {
      const day = R.today(), lessons = /** @type {LessonLine[]} */ ([]), lines = /** @type {HTMLElement[]} */ ([]);
      let due = 0;
      spans.forEach(sp => {
        const [l, d] = lessonProgress(sp, day, str);
        lessons.push(l);
        due += d;
      });
      const seen = lessons.filter(l => l.visited), last = seen[seen.length - 1];
      const next = lessons.filter(l => !l.visited)[0];
      off.hidden = store.remember || seen.length > 0;
      /** @param {string} text @param {LessonLine | null} l @param {Node} [extra] */
      const line = (text, l, extra) => {
        const p = h('p', '', text + ' '), to = l && l.link ? link(l.link.getAttribute('href')) : null;
        if (l && l.link && to) { const a = /** @type {HTMLAnchorElement} */ (h('a', '', l.link.textContent || '')); a.href = to; p.append(a); }
        if (extra) p.append(extra);
        lines.push(p);
      };
      const review = link(el.dataset.ciReviewUrl);
      if (last) line(str.home_continue, last);
      if (due && review) {
        const a = /** @type {HTMLAnchorElement} */ (h('a', '', fmt(str.home_due, {n: due})));
        a.href = review;
        line(str.home_next, null, a);
      } else if (next) line(str.home_next, next);
      else if (seen.length) line(str.home_all_visited, null);
      scs.forEach(sc => {
        const all = isObj(sc) && own(store.S.attempts, sc.id) ? store.S.attempts[sc.id] : [];
        if (all.length) line(fmt(str.home_attempts, {title: sc.title, n: all.length, date: when(all[all.length - 1].at)}), null);
      });
      body.textContent = '';
      if (lines.length) body.append(...lines);
    };
  }

  root.CourseJourney = Object.assign(pure, {download: download, importFile: importFile});
  R.use(['[data-ci-selfcheck]', mountAttempts, true]);
  R.use(['[data-ci-review]', mountReview, false, true]);
  R.use(['[data-ci-home]', mountHome, true, true]);
})(/** @type {Window & typeof globalThis} */ (typeof window !== 'undefined' ? window : globalThis));
