/* Journey: the parts of the course runtime that only some pages need. course.js fetches this
   file (need()) on pages that use it (home, Review, pages with a self-check) and when the
   learner downloads or imports answers. Needs course.js (window.CourseRuntime: the one store and helpers).
   - Self-check attempts: each placement of a self-check keeps its answers under its own
     record id (data-ci-id; data-ci-of names the self-check), so a placement with
     `attempt: new` starts empty. Scoring one records an attempt {at, k, h, a} in
     store.S.attempts[<self-check id>]; changing answers after scoring updates that attempt.
     Earlier attempts are compared with the current one (compareAttempts mirrors
     generator/core/attempts.py, held in step by tests/test_scoring_parity.py).
   - Review queue: course.js schedules every checked question with its Leitner rule
     (reschedule); the Review page shows the due questions of visited lessons in a fresh order.
   - Home: progress per lesson, where to continue, the next step, attempts and due reviews.
   Nothing here writes storage unless the learner turned "remember" on (store.save checks). */
(function (root) {
  'use strict';
  const R = root.CourseRuntime;
  if (!R || root.CourseJourney) return;

  /** Sign of the change between two scored groups' means (b before, n now), exactly:
      'higher', 'lower', 'same', or null when either has no result. */
  function change(b, n) {
    if (!b || !n || b.band === null || n.band === null) return null;
    const d = n.sum * b.answered - b.sum * n.answered;
    return d > 0 ? 'higher' : d < 0 ? 'lower' : 'same';
  }

  /** Compare two attempts' answers on one self-check: {<subscale id or 'overall'>: change}. */
  function compareAttempts(data, before, now) {
    const b = R.scoreSelfCheck(data, before), n = R.scoreSelfCheck(data, now), out = {};
    data.subscales.forEach(s => { out[s.id] = change(b.subscales[s.id], n.subscales[s.id]); });
    if (data.overall) out.overall = change(b.overall, n.overall);
    return out;
  }

  root.CourseJourney = {compareAttempts: compareAttempts};
  if (typeof document === 'undefined') return;

  const {store, h, btn, qsa, fmt} = R;
  const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/, MAX_FILE = 512000;
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObj = v => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isStr = (v, max) => typeof v === 'string' && v.length <= max;
  const ids = (v, max) => Array.isArray(v) && v.length <= max && v.every(x => typeof x === 'string' && ID.test(x));
  const TOP = ['v', 'course', 'exported', 'answers', 'visited', 'kept', 'attempts', 'sched'];
  const {isKept, badRecord, blank, MORE, more, upgrade, note, resultText, lang} = R;
  const t = () => store.cfg.strings;
  /** An attempt's date (with the time when long), or words for a date the old format did not keep. */
  const when = (at, long) => (at ? new Date(at).toLocaleString(lang(), long ? {dateStyle: 'medium', timeStyle: 'short'} : {dateStyle: 'medium'}) : t().attempt_undated);

  // ------------------------------------------------------------------ download and import (moved from course.js)

  /** Check an imported answers file strictly. hashOf(id): a question's current content hash,
      '' if it no longer exists, null if this page cannot tell. Returns {state, kept, skipped}
      (answers to changed or removed questions skipped); throws Error(reason) otherwise. */
  function readData(d, cfg, hashOf) {
    const bad = why => { throw new Error(why); };
    if (!isObj(d) || Object.keys(d).some(k => TOP.indexOf(k) < 0)) bad('shape');
    upgrade(d);
    if (d.v !== cfg.version) bad('version');
    if (d.course !== cfg.course || !isObj(d.answers) || !ids(d.visited, 1000) ||
        (own(d, 'exported') && !isStr(d.exported, 40)) ||
        (own(d, 'kept') && !(Array.isArray(d.kept) && d.kept.length <= 1000 && d.kept.every(isKept))) ||
        Object.keys(MORE).some(k => own(d, k) && !MORE[k](d[k]))) bad('shape');
    const keys = Object.keys(d.answers), state = blank();
    more(d, state);
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

  function download(json, ctx) {
    const d = store.pack();
    if (store.kept.length) d.kept = store.kept;
    d.exported = new Date().toISOString();
    const blob = new Blob([json ? JSON.stringify(d, null, 2) : summaryText(d, ctx)], {type: json ? 'application/json' : 'text/plain;charset=utf-8'});
    const a = h('a'), files = ctx.cfg.files || {}, slug = String(ctx.cfg.storageKey).replace(/^ci:/, '') || 'course';
    a.href = URL.createObjectURL(blob);
    // Named by the build (generator/core/identity.py: course id, words in the course language).
    a.download = (json ? files.answers : files.summary) || slug + (json ? '-answers.json' : '-summary.txt');
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
    // Self-check attempts: when each was taken (each one's answers are in the JSON download).
    Object.keys(d.attempts || {}).forEach(id => {
      out.push(ctx.str.attempts_yours + ': ' + ((d.answers[id] || {}).p || id));
      d.attempts[id].forEach(x => out.push('  ' + when(x.at, 1)));
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
      Object.assign(store.S.sched, got.state.sched);
      Object.keys(got.state.attempts).forEach(id => {
        const l = store.S.attempts[id] = store.S.attempts[id] || [];
        got.state.attempts[id].forEach(x => { if (!l.some(y => y.at === x.at && y.k === x.k)) l.push(x); });
      });
      store.keep(got.kept);
      store.save();
      store.redraw();
      let msg = fmt(t.imported, {n: n}) + (skipped ? ' ' + fmt(t.import_skipped, {n: skipped}) : '');
      if (!store.remember) {
        msg += ' ' + t.import_session;
        offer.hidden = store.broken;
      }
      note(msg);
    }, () => fail('json'));
  }

  // ------------------------------------------------------------------ self-check attempts

  /** Called by course.js when a question is checked: a scored self-check becomes an attempt. */
  store.onAnswer = el => { if (el.hasAttribute('data-ci-selfcheck')) record(el); };

  /** Add or update the attempt the self-check element's record belongs to. */
  function record(el) {
    const key = el.dataset.ciId, r = store.S.answers[key], of = el.dataset.ciOf || key;
    if (!r || !r.done || !r.a) return;
    const list = store.S.attempts[of] = store.S.attempts[of] || [];
    let cur = r.at !== undefined && list.filter(x => x.at === r.at && x.k === key)[0];
    if (!cur) {
      r.at = new Date().toISOString();
      cur = {at: r.at, k: key, h: r.h, a: r.a};
      list.push(cur);
      if (list.length > 50) list.shift();
    }
    cur.a = JSON.parse(JSON.stringify(r.a));
    cur.h = r.h;
  }

  function mountAttempts(el) {
    const key = el.dataset.ciId, of = el.dataset.ciOf || key, str = t();
    const data = JSON.parse(el.querySelector('[data-ci-json]').getAttribute('data-ci-json'));
    const box = h('section', 'ci-attempts');
    box.setAttribute('aria-label', str.attempts_title);
    el.append(box);
    // Answers changed after scoring re-score at once (course.js): the attempt follows.
    el.addEventListener('change', () => { if (store.get(key).done) { record(el); store.save(); store.changed(); } });
    return () => {
      const r = store.get(key), all = (store.S.attempts[of] || []).filter(x => x.h === el.dataset.ciHash);
      const mine = x => r.done && x.k === key && x.at === r.at;
      const earlier = all.filter(x => !mine(x)), now = all.filter(mine)[0], out = el.querySelector('.ci-results');
      (out && !out.hidden ? out : el).append(box);  // inside the results, so "Print my results" prints it
      box.textContent = '';
      box.hidden = !earlier.length;
      if (!earlier.length) return;
      box.append(h('h3', '', str.attempts_title));
      if (!now) box.append(h('p', 'ci-note', fmt(str.attempts_before, {n: earlier.length, date: when(earlier[earlier.length - 1].at, 1)})));
      else {
        const last = earlier[earlier.length - 1], diff = compareAttempts(data, last.a, now.a);
        const shown = earlier.concat([now]), groups = data.subscales.map(s => [s.id, s.title]);
        if (data.overall) groups.push(['overall', data.overall.title]);
        const scores = shown.map(x => R.scoreSelfCheck(data, x.a));
        const g = (sc, id) => (id === 'overall' ? sc.overall : sc.subscales[id]);
        const mean = x => (x && x.band !== null ? R.num(x.sum / x.answered) : '—');
        const table = h('table'), head = table.createTHead().insertRow(), tb = table.createTBody();
        table.append(h('caption', '', fmt(str.attempts_caption, {lo: data.lo, hi: data.hi})));
        [str.subscale].concat(shown.map(x => (x === now ? str.attempt_now : when(x.at))), [str.attempt_change]).forEach(x => {
          const th = h('th', '', x);
          th.scope = 'col';
          head.append(th);
        });
        const rows = [];
        groups.forEach(([id, title]) => {
          const tr = tb.insertRow(), th = h('th', '', title);
          th.scope = 'row';
          tr.append(th);
          scores.forEach((sc, i) => {
            tr.append(h('td', '', mean(g(sc, id))));
            rows.push([id, title + ' · ' + (shown[i] === now ? str.attempt_now : when(shown[i].at)), g(sc, id)]);
          });
          tr.append(h('td', '', diff[id] ? str['change_' + diff[id]] : str.change_none));
        });
        box.append(table, h('p', 'ci-chart-title', str.attempts_chart), R.chart(rows, data.lo, data.hi),
          h('p', 'ci-note', str.change_note));
      }
      const ul = h('ul', 'ci-attempt-list');
      all.forEach(x => {
        const li = h('li', '', (mine(x) ? str.attempt_now + ' (' + when(x.at, 1) + ')' : when(x.at, 1)) + ' ');
        const del = btn(fmt(str.attempt_delete, {date: mine(x) ? str.attempt_now : when(x.at, 1)}));
        del.addEventListener('click', () => {
          const list = store.S.attempts[of] || [];
          list.splice(list.indexOf(x), 1);
          if (!list.length) delete store.S.attempts[of];
          if (mine(x)) delete store.S.answers[key].at;
          store.save();
          store.redraw();
          note(str.attempt_deleted);
          const first = box.querySelector('button') || el.querySelector('.ci-results button, input');
          if (first) first.focus();
        });
        li.append(del);
        ul.append(li);
      });
      box.append(h('h4', '', str.attempts_yours), ul);
    };
  }

  // ------------------------------------------------------------------ review page

  const isDue = (id, day) => { const s = store.S.sched[id]; return !!s && s[1] <= day; };

  function mountReview(el) {
    const str = t(), items = qsa(el, '[data-ci-review-item]'), list = el.querySelector('[data-ci-review-list]');
    const status = el.querySelector('[data-ci-review-status]'), off = el.querySelector('[data-ci-review-off]');
    const more = btn(str.review_practice);
    status.after(more);
    el.hidden = false;
    function show(chosen) {
      items.forEach(i => { i.hidden = true; });
      R.shuffleWith(chosen, Date.now(), () => false).forEach((i, n) => {
        const q = i.querySelector('[data-ci-id]'), r = store.S.answers[q.dataset.ciId];
        if (r && r.live) { r.live = false; delete r.sel; delete r.order; delete r.rev; }  // a fresh try
        const num = i.querySelector('.ci-num');
        if (num) num.textContent = str.question + ' ' + (n + 1);
        i.hidden = false;
        list.append(i);
      });
      store.redraw();
    }
    const day = R.today(), seen = i => store.S.visited[i.dataset.ciLessonOf];
    const due = items.filter(i => seen(i) && isDue(i.querySelector('[data-ci-id]').dataset.ciId, day));
    off.hidden = store.remember;
    if (due.length) { status.textContent = fmt(str.review_due, {n: due.length}); show(due); }
    else {
      const next = items.map(i => store.S.sched[i.querySelector('[data-ci-id]').dataset.ciId]).filter(Boolean).map(s => s[1]).sort()[0];
      status.textContent = next ? fmt(str.review_none_until, {date: new Date(next * 864e5).toLocaleDateString(lang(), {dateStyle: 'medium'})}) : str.review_none;
    }
    more.addEventListener('click', () => {
      const pool = items.filter(seen);
      show(R.shuffleWith(pool.length ? pool : items, Date.now(), () => false).slice(0, 8));
      status.textContent = str.review_practising;
      const first = list.querySelector('[data-ci-review-item]:not([hidden]) input, [data-ci-review-item]:not([hidden]) button');
      if (first) first.focus();
    });
  }

  // ------------------------------------------------------------------ home

  function mountHome(el) {
    const str = t(), spans = qsa(document, '[data-ci-progress-lesson]'), off = el.querySelector('[data-ci-home-off]');
    const body = el.querySelector('[data-ci-home-body]'), scs = JSON.parse(el.getAttribute('data-ci-home'));
    el.hidden = false;
    return () => {
      const S = store.S, day = R.today(), lessons = [];
      let due = 0;
      spans.forEach(sp => {
        const lid = sp.dataset.ciProgressLesson, checks = (sp.dataset.ciProgressChecks || '').split(' ').filter(Boolean);
        const rs = checks.map(id => store.get(id)), done = rs.filter(r => r.done);
        const scored = done.filter(r => r.tot), right = scored.filter(r => r.pts === r.tot).length;
        const link = sp.parentNode.querySelector('a');
        if (S.visited[lid]) due += checks.filter(id => isDue(id, day)).length;
        lessons.push({id: lid, link: link, visited: !!S.visited[lid], done: done.length === checks.length});
        sp.textContent = store.remember || S.visited[lid] || done.length ? fmt(str.progress_state, {
          visited: S.visited[lid] ? str.visited : str.not_visited,
          checks: fmt(str.checks_done, {done: done.length, n: checks.length}) + (scored.length ? '; ' + fmt(str.checks_right, {right: right, total: scored.length}) : ''),
        }) : '';
      });
      const seen = lessons.filter(l => l.visited), last = seen[seen.length - 1];
      const next = lessons.filter(l => !l.visited)[0], lines = [];
      off.hidden = store.remember || seen.length > 0;
      const line = (text, l, extra) => {
        const p = h('p', '', text + ' ');
        if (l && l.link) { const a = h('a', '', l.link.textContent); a.href = l.link.getAttribute('href'); p.append(a); }
        if (extra) p.append(extra);
        lines.push(p);
      };
      if (last) line(str.home_continue, last);
      if (due) {
        const a = h('a', '', fmt(str.home_due, {n: due}));
        a.href = el.dataset.ciReviewUrl;
        line(str.home_next, null, a);
      } else if (next) line(str.home_next, next);
      else if (seen.length) line(str.home_all_visited);
      scs.forEach(sc => {
        const all = S.attempts[sc.id] || [];
        if (all.length) line(fmt(str.home_attempts, {title: sc.title, n: all.length, date: when(all[all.length - 1].at)}));
      });
      body.textContent = '';
      if (lines.length) body.append.apply(body, lines);
    };
  }

  root.CourseJourney = {compareAttempts: compareAttempts, download: download, importFile: importFile, readData: readData};
  R.use(['[data-ci-selfcheck]', mountAttempts, true]);
  R.use(['[data-ci-review]', mountReview]);
  R.use(['[data-ci-home]', mountHome, true]);
})(typeof window !== 'undefined' ? window : this);
