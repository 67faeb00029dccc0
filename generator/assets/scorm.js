/* SCORM adapter: only in the packages `course export-lms --format scorm12|scorm2004` writes,
   never in the web site. The package is one SCO: its launch page (scorm.html) holds the LMS
   session and shows the course pages in a frame. This file runs in both:

   - on the launch page (it carries #ci-scorm with the build's configuration) it finds the
     LMS API, starts the session, resumes at the last lesson, and reports completion, score,
     bookmark and a compact suspend_data;
   - on a course page inside that frame it forwards what the main runtime tells it through
     document events (`ci:answer`, `ci:page`) to the launch page, and makes the quick-exit
     link leave the whole LMS window, not just the frame.

   Only knowledge checks listed in the build's configuration are ever reported (right or
   wrong, never which option); self-check answers, their results and reflection text are not
   read here at all. Without an LMS API the launch page just shows the course. */
(function (root) {
  'use strict';

  // ------------------------------------------------------------------ pure helpers

  /** Visited lessons as a hex bitmap (4 lessons per character). */
  function bitsToHex(flags) {
    let out = '';
    for (let i = 0; i < flags.length; i += 4) {
      let n = 0;
      for (let j = 0; j < 4; j++) if (flags[i + j]) n |= 1 << j;
      out += n.toString(16);
    }
    return out.replace(/0+$/, '');
  }
  function hexToBits(hex, count) {
    const flags = [];
    for (let i = 0; i < count; i++) {
      const n = parseInt(hex.charAt(i >> 2) || '0', 16) || 0;
      flags.push(!!(n & (1 << (i & 3))));
    }
    return flags;
  }

  /** Serialise the learner's LMS-side state within `limit` characters.
      state: {visited: [bool per lesson], answers: [[question index, right], ...] oldest first,
      kept: [right, answered] for answers already trimmed}. Trims oldest answers first;
      returns {text, trimmed} where trimmed counts answers dropped by this call. */
  function encodeState(state, build, limit) {
    const answers = state.answers.slice(), kept = state.kept.slice();
    let trimmed = 0;
    for (;;) {
      const text = JSON.stringify({
        v: 1, b: build, p: bitsToHex(state.visited),
        a: answers.map(x => x[0].toString(36) + (x[1] ? '+' : '-')).join(','),
        k: kept,
      });
      if (text.length <= limit || !answers.length) return {text: text.length <= limit ? text : '', trimmed: trimmed, answers: answers, kept: kept};
      const old = answers.shift();
      kept[0] += old[1] ? 1 : 0;
      kept[1] += 1;
      trimmed++;
    }
  }

  /** Read suspend_data written by encodeState for the same build; a blank state otherwise. */
  function decodeState(text, build, lessons, questions) {
    const blank = {visited: hexToBits('', lessons), answers: [], kept: [0, 0]};
    let d;
    try { d = JSON.parse(text); } catch (e) { return blank; }
    if (!d || d.v !== 1 || typeof d.p !== 'string' || typeof d.a !== 'string') return blank;
    const visited = hexToBits(d.p, lessons);
    if (d.b !== build) return {visited: visited, answers: [], kept: [0, 0]};  // the questions changed: keep visits only
    const answers = [], seen = {};
    d.a.split(',').forEach(e => {
      const m = /^([0-9a-z]+)([+-])$/.exec(e);
      const i = m ? parseInt(m[1], 36) : -1;
      if (i >= 0 && i < questions && !seen[i]) { seen[i] = true; answers.push([i, m[2] === '+']); }
    });
    const k = Array.isArray(d.k) && d.k.length === 2 && d.k.every(n => Number.isInteger(n) && n >= 0) ? d.k : [0, 0];
    return {visited: visited, answers: answers, kept: k};
  }

  /** Completion and score of the whole course (one SCO) from the state.
      rule "answered": every lesson's knowledge checks answered (a lesson without any: visited);
      rule "visited": every lesson visited. Score: share of knowledge checks answered right,
      null when the course has none. */
  function progressOf(state, cfg) {
    const got = {};
    state.answers.forEach(x => { got[x[0]] = x[1]; });
    let right = state.kept[0], done = 0;
    state.answers.forEach(x => { if (x[1]) right++; });
    const total = cfg.questions.length;
    right = Math.min(right, total);
    const complete = cfg.lessons.every((l, i) => {
      if (cfg.completion === 'visited' || !l.checks.length) return state.visited[i];
      return l.checks.every(q => q in got);
    });
    cfg.lessons.forEach((l, i) => {
      if (cfg.completion === 'visited' || !l.checks.length ? state.visited[i] : l.checks.every(q => q in got)) done++;
    });
    return {complete: complete, lessonsDone: done, right: right, total: total,
      scaled: total ? right / total : null};
  }

  /** SCORM 1.2 session time HH:MM:SS (hours at least two digits) and 2004's ISO 8601 duration. */
  function time12(ms) {
    const s = Math.max(0, Math.round(ms / 1000)), p = n => (n < 10 ? '0' : '') + n;
    return p(Math.floor(s / 3600)) + ':' + p(Math.floor(s / 60) % 60) + ':' + p(s % 60);
  }
  const time2004 = ms => 'PT' + Math.max(0, Math.round(ms / 1000)) + 'S';

  const api = {bitsToHex: bitsToHex, hexToBits: hexToBits, encodeState: encodeState, decodeState: decodeState, progressOf: progressOf, time12: time12};
  if (typeof document === 'undefined') { root.CourseScorm = api; return; }

  // ------------------------------------------------------------------ finding the LMS

  /** The API object `name` in `win` or one of its parents (at most 10 steps, as the ADL
      wrappers do); frames from another origin are skipped. */
  function searchFrames(win, name) {
    for (let tries = 0; win && tries <= 10; tries++) {
      try { if (win[name]) return win[name]; } catch (e) { /* another origin */ }
      let up = null;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function findAPI(name) {
    let found = searchFrames(root, name);
    try { if (!found && root.opener) found = searchFrames(root.opener, name); } catch (e) { found = null; }
    return found;
  }

  // ------------------------------------------------------------------ launch page (the session)

  function host(el) {
    let cfg;
    try { cfg = JSON.parse(el.getAttribute('data-ci-scorm')); } catch (e) { return; }
    const v12 = cfg.version === '1.2';
    const names = v12 ? {
      init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish',
      status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location', entry: 'cmi.core.entry', exit: 'cmi.core.exit',
      time: 'cmi.core.session_time', score: 'cmi.core.score.', count: 'cmi.interactions._count',
    } : {
      init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate',
      status: 'cmi.completion_status', location: 'cmi.location', entry: 'cmi.entry', exit: 'cmi.exit',
      time: 'cmi.session_time', score: 'cmi.score.', count: 'cmi.interactions._count',
    };
    const frame = document.getElementById('ci-scorm-frame'), note = document.getElementById('ci-scorm-note');
    const lessonIndex = {}, questionIndex = {};
    cfg.lessons.forEach((l, i) => { lessonIndex[l.id] = i; });
    cfg.questions.forEach((q, i) => { questionIndex[q] = i; });

    // Fill the window with the frame (styles set from script: the policy allows no inline style).
    [document.documentElement, document.body].forEach(e => { e.style.height = '100%'; e.style.margin = '0'; });
    document.body.style.display = 'flex';
    document.body.style.flexDirection = 'column';
    frame.style.flex = '1';
    frame.style.border = '0';
    frame.style.width = '100%';

    const lms = findAPI(v12 ? 'API' : 'API_1484_11');
    let live = false, state = {visited: cfg.lessons.map(() => false), answers: [], kept: [0, 0]};
    const started = Date.now();
    let start = frame.dataset.src;
    const call = (fn, ...args) => { try { return lms[fn].apply(lms, args); } catch (e) { return ''; } };
    const get = k => String(call(names.get, k) || '');
    const set = (k, v) => call(names.set, k, String(v));

    if (lms && String(call(names.init, '')) === 'true') try {
      live = true;
      if (get(names.entry) === 'resume' || get('cmi.suspend_data')) {
        state = decodeState(get('cmi.suspend_data'), cfg.build, cfg.lessons.length, cfg.questions.length);
      }
      const at = lessonIndex[get(names.location)];
      if (at !== undefined) start = cfg.lessons[at].url;  // bookmark: resume at the last lesson
      const status = get(names.status);
      if (!status || status === 'not attempted' || status === 'unknown') set(names.status, 'incomplete');
      set(names.exit, 'suspend');
      report(false);
    } catch (e) { /* a broken record: start afresh rather than not at all */ }

    function report(commit) {
      if (!live) return;
      const enc = encodeState(state, cfg.build, cfg.limit);
      state.answers = enc.answers;
      state.kept = enc.kept;
      if (enc.trimmed && note) {
        note.textContent = cfg.strings.trimmed;
        note.hidden = false;
      }
      set('cmi.suspend_data', enc.text);
      const p = progressOf(state, cfg);
      if (p.total) {
        const pct = Math.round(100 * p.right / p.total);
        set(names.score + 'min', 0);
        set(names.score + 'max', 100);
        set(names.score + 'raw', pct);
        if (!v12) set('cmi.score.scaled', Math.round(10000 * p.right / p.total) / 10000);
      }
      if (!v12) set('cmi.progress_measure', Math.round(10000 * p.lessonsDone / cfg.lessons.length) / 10000);
      if (p.complete) set(names.status, 'completed');
      if (commit) call(names.commit, '');
    }

    let shown = null;
    const session = {
      page(lesson) {
        const i = lessonIndex[lesson];
        if (!live || i === undefined || lesson === shown) return;  // the runtime's event and our own look-up both report a page
        shown = lesson;
        state.visited[i] = true;
        set(names.location, lesson);
        report(true);
      },
      answer(d) {
        // Knowledge checks of this build only: anything else (a self-check, a reflection,
        // an unknown id) is ignored without reading further.
        if (!live || !d || typeof d.question !== 'string' || !(d.question in questionIndex) || typeof d.correct !== 'boolean') return;
        const qi = questionIndex[d.question];
        state.answers = state.answers.filter(x => x[0] !== qi);
        state.answers.push([qi, d.correct]);
        if (cfg.interactions) {
          const n = Number(get(names.count)) || 0, pre = 'cmi.interactions.' + n + '.';
          set(pre + 'id', d.question);
          set(pre + 'type', cfg.kinds[d.question]);
          set(pre + 'result', d.correct ? 'correct' : (v12 ? 'wrong' : 'incorrect'));
          if (!v12) set(pre + 'timestamp', new Date().toISOString().replace(/\.\d+Z$/, ''));
        }
        report(true);
      },
    };
    root.CourseScormSession = session;
    frame.src = start;  // after the session exists, so the first page finds it

    let finished = false;
    function finish() {
      if (!live || finished) return;
      finished = true;
      set(names.time, (v12 ? time12 : time2004)(Date.now() - started));
      set(names.exit, 'suspend');
      report(true);
      call(names.finish, '');
    }
    root.addEventListener('pagehide', finish);
    root.addEventListener('beforeunload', finish);
  }

  // ------------------------------------------------------------------ course page inside the frame

  function page() {
    let session = null;
    try { session = root.parent !== root && root.parent.CourseScormSession; } catch (e) { session = null; }
    if (!session) return;  // not inside our launch page: the web edition, unchanged
    const current = () => {
      const el = document.querySelector('[data-ci-lesson]');
      if (el) session.page(el.dataset.ciLesson);
    };
    document.addEventListener('ci:page', e => session.page(e.detail && e.detail.lesson));
    document.addEventListener('ci:answer', e => session.answer(e.detail));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', current);
    else current();
    // Quick exit must leave the whole LMS window, not only this frame, and leave no Back step.
    document.addEventListener('click', ev => {
      const a = ev.target.closest && ev.target.closest('a[data-ci-quick-exit]');
      if (!a) return;
      try {
        root.top.location.replace(a.href);
        ev.preventDefault();
        ev.stopImmediatePropagation();
      } catch (e) { /* the LMS forbids it: course.js replaces this frame instead */ }
    }, true);
  }

  const launch = document.getElementById('ci-scorm');
  if (launch) host(launch); else page();
})(typeof window !== 'undefined' ? window : this);
