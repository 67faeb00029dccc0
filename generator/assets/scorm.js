// @ts-check
/* SCORM adapter: only in the packages `course export-lms --format scorm12|scorm2004` writes,
   never in the web site. The package is one SCO: its launch page (scorm.html) holds the LMS
   session and shows the course pages in a frame. This file runs in both:

   - on the launch page (it carries #ci-scorm with the build's configuration: the package's
     lessons and knowledge checks, taken from the course model at build time) it finds the LMS
     API, starts the session, resumes at the last lesson, and reports completion, score,
     bookmark and a compact suspend_data;
   - on a course page inside that frame it forwards what the main runtime tells it through
     document events (`ci:answer`, `ci:page`) to the launch page, opens links to other sites
     outside the LMS frame, and makes the quick-exit link leave the whole LMS window.

   The LMS never loses ground: a launch reads the score and status the LMS already holds and
   only ever reports the higher one; no score is sent before the learner has answered anything;
   a record this build cannot read (cut short, corrupt, from a newer version) is ignored, not
   reported as 0. Everything the LMS returns is data: it is compared, parsed and never used as
   a property name or as HTML.

   Only knowledge checks listed in the build's configuration are ever reported (right or
   wrong, never which option); self-check answers, their results and reflection text are not
   read here at all. Without an LMS API the launch page just shows the course. */
(function (root) {
  'use strict';

  /**
   * @typedef {{id: string, url: string, checks: number[]}} LessonEntry
   * @typedef {{version: string, build: string, limit: number, completion: string,
   *   interactions: boolean, mastery: number | null, commit_delay: number,
   *   lessons: LessonEntry[], questions: string[], kinds: Object<string, string>,
   *   strings: {trimmed: string}}} Config
   * @typedef {{visited: boolean[], marks: number[], kept: number[], complete: boolean}} State
   *   marks: per knowledge check of the package, 0 not answered, 1 wrong, 2 right;
   *   kept: [right, answered] of answers an earlier, trimmed record no longer lists one by one;
   *   complete: the course was complete once (completion is never taken back).
   * @typedef {{complete: boolean, lessonsDone: number, right: number, answered: number,
   *   total: number, scaled: number | null}} Progress
   * @typedef {{text: string, trimmed: boolean, state: State}} Encoded
   */

  // ------------------------------------------------------------------ pure helpers

  /** The 64 characters of the record's packed fields (base64url: safe in any LMS string). */
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const RECORD_VERSION = '2';

  /**
   * Pack small integers (each below 2**bits, bits 1 or 2) into base64url, 6 bits a character,
   * trailing zero characters left out.
   * @param {number[]} values
   * @param {number} bits
   * @returns {string}
   */
  function packBits(values, bits) {
    const per = 6 / bits;
    let out = '';
    for (let i = 0; i < values.length; i += per) {
      let n = 0;
      for (let j = 0; j < per; j++) n |= (values[i + j] || 0) << (j * bits);
      out += B64.charAt(n);
    }
    return out.replace(/A+$/, '');
  }

  /**
   * The `count` values packed by packBits, or null when the text holds a foreign character.
   * @param {string} text
   * @param {number} bits
   * @param {number} count
   * @returns {number[] | null}
   */
  function unpackBits(text, bits, count) {
    const per = 6 / bits, mask = (1 << bits) - 1, out = [];
    for (let i = 0; i < count; i++) {
      const c = text.charAt(Math.floor(i / per));
      const n = c ? B64.indexOf(c) : 0;
      if (n < 0) return null;
      out.push((n >> ((i % per) * bits)) & mask);
    }
    return out;
  }

  /**
   * FNV-1a (32 bits) of a string's UTF-16 code units.
   * @param {string} text
   * @returns {number}
   */
  function fnv(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /**
   * Four base64url characters (24 bits) naming an id or a text.
   * @param {string} text
   * @returns {string}
   */
  function fingerprint(text) {
    const h = fnv(text);
    let out = '';
    for (let i = 0; i < 4; i++) out += B64.charAt((h >>> (i * 6)) & 63);
    return out;
  }

  /**
   * A blank state for the package described by cfg.
   * @param {Config} cfg
   * @returns {State}
   */
  function blankState(cfg) {
    return {
      visited: cfg.lessons.map(() => false),
      marks: cfg.questions.map(() => 0),
      kept: [0, 0],
      complete: false,
    };
  }

  /**
   * Serialise the learner's LMS-side state in at most `limit` characters:
   * `2.<build>.<flags>.<visited>.<marks>.<kept>.<lesson ids>.<question ids>.<check>`.
   * visited is a bitset over the package's lessons, marks two bits per knowledge check (3 a
   * character: 5,000 checks take 1,667 characters), the id fields four characters per lesson and
   * per answered question, in order (so a republished package with other questions can find the
   * answers that still apply), check a fingerprint of the rest (a record cut short is recognised
   * and ignored). When it does not fit, the lesson ids go first, then the question ids (the
   * lesson ids come back if they alone fit); past about 12,000 knowledge checks the last marks
   * are folded into the `kept` counts (trimmed: true).
   * @param {State} state
   * @param {Config} cfg
   * @param {number} limit
   * @returns {Encoded}
   */
  function encodeState(state, cfg, limit) {
    const marks = state.marks.slice();
    let kept = state.kept.slice(), trimmed = false;
    const lessonIds = cfg.lessons.map(l => fingerprint(l.id)).join('');
    const questionIds = cfg.questions.filter((_, i) => marks[i]).map(fingerprint).join('');
    /** @param {boolean} withLessons @param {boolean} withQuestions */
    const build = (withLessons, withQuestions) => {
      const body = [RECORD_VERSION, cfg.build, state.complete ? 'c' : '',
        packBits(state.visited.map(Number), 1), packBits(marks, 2),
        kept[1] ? kept[0].toString(36) + ':' + kept[1].toString(36) : '',
        withLessons ? lessonIds : '', withQuestions ? questionIds : ''].join('.');
      return body + '.' + fingerprint(body);
    };
    let text = build(true, true);
    if (text.length > limit) text = build(false, true);
    if (text.length > limit) text = build(true, false);
    if (text.length > limit) text = build(false, false);
    if (text.length > limit) {
      // Fold the last answers into counts: the score stays right, only their ids are lost.
      const room = Math.max(0, packBits(marks, 2).length - (text.length - limit) - 16);
      for (let i = room * 3; i < marks.length; i++) {
        if (marks[i]) {
          kept = [kept[0] + (marks[i] === 2 ? 1 : 0), kept[1] + 1];
          marks[i] = 0;
          trimmed = true;
        }
      }
      text = build(false, false);
      if (text.length > limit) text = '';
    }
    return {text: text, trimmed: trimmed,
      state: {visited: state.visited.slice(), marks: marks, kept: kept, complete: state.complete}};
  }

  /**
   * Map each old fingerprint to the index of the one new id with the same fingerprint.
   * @param {string} packed old fingerprints, four characters each
   * @param {string[]} ids the package's ids
   * @returns {Map<number, number>} old index -> new index
   */
  function mapByFingerprint(packed, ids) {
    /** @param {string[]} list @returns {Map<string, number>} fingerprint -> index, -1 if shared */
    const index = list => {
      /** @type {Map<string, number>} */
      const m = new Map();
      list.forEach((f, i) => m.set(f, m.has(f) ? -1 : i));
      return m;
    };
    const now = index(ids.map(fingerprint)), before = [];
    for (let i = 0; i * 4 < packed.length; i++) before.push(packed.substr(i * 4, 4));
    /** @type {Map<number, number>} */
    const map = new Map();
    // Two ids with one fingerprint, on either side: neither is mapped (never a wrong answer).
    index(before).forEach((i, f) => {
      const j = now.get(f);
      if (i >= 0 && j !== undefined && j >= 0) map.set(i, j);
    });
    return map;
  }

  /**
   * The version 1 record (JSON, before this encoding): answers by index, trusted only when its
   * build is this one.
   * @param {string} text
   * @param {Config} cfg
   * @returns {State | null}
   */
  function decodeV1(text, cfg) {
    /** @type {unknown} */
    let d;
    try { d = JSON.parse(text); } catch { return null; }
    if (!d || typeof d !== 'object') return null;
    const r = /** @type {{v?: unknown, b?: unknown, p?: unknown, a?: unknown, k?: unknown}} */ (d);
    if (r.v !== 1 || typeof r.p !== 'string' || typeof r.a !== 'string') return null;
    const state = blankState(cfg);
    for (let i = 0; i < state.visited.length; i++) {
      const n = parseInt(r.p.charAt(i >> 2) || '0', 16) || 0;
      state.visited[i] = !!(n & (1 << (i & 3)));
    }
    if (r.b !== cfg.build) return state;  // the questions changed: the indexes mean nothing now
    r.a.split(',').forEach(e => {
      const m = /^([0-9a-z]{1,6})([+-])$/.exec(e);
      const i = m ? parseInt(m[1], 36) : -1;
      if (m && i >= 0 && i < state.marks.length) state.marks[i] = m[2] === '+' ? 2 : 1;
    });
    const k = r.k;
    if (Array.isArray(k) && k.length === 2 && k.every(n => Number.isInteger(n) && n >= 0) && k[0] <= k[1]) {
      state.kept = [k[0], k[1]];
    }
    return state;
  }

  /**
   * Read a record written by encodeState (by this build or an earlier one) or by the version 1
   * adapter. Answers whose question still exists are kept, others dropped; a record that is cut
   * short, corrupt or of an unknown version gives null (nothing to restore).
   * @param {string} text
   * @param {Config} cfg
   * @returns {State | null}
   */
  function decodeState(text, cfg) {
    if (typeof text !== 'string' || !text) return null;
    if (text.charAt(0) === '{') return decodeV1(text, cfg);
    const cut = text.lastIndexOf('.');
    if (cut < 0 || fingerprint(text.slice(0, cut)) !== text.slice(cut + 1)) return null;
    const f = text.slice(0, cut).split('.');
    if (f.length !== 8 || f[0] !== RECORD_VERSION || !/^(c?)$/.test(f[2])) return null;
    const kept = /^([0-9a-z]{1,8}):([0-9a-z]{1,8})$/.exec(f[5]);
    if (f[5] && !kept) return null;
    const lessonFp = f[6], questionFp = f[7];
    if (lessonFp.length % 4 || questionFp.length % 4) return null;
    const same = f[1] === cfg.build;
    const oldLessons = same ? cfg.lessons.length : lessonFp.length / 4;
    const visited = unpackBits(f[3], 1, Math.max(oldLessons, f[3].length * 6));
    const marks = unpackBits(f[4], 2, Math.max(same ? cfg.questions.length : 0, f[4].length * 3));
    if (!visited || !marks || marks.some(m => m === 3)) return null;
    /** @type {number[]} where the answered questions are, in the record's order */
    const answered = [];
    marks.forEach((m, i) => { if (m) answered.push(i); });
    if (questionFp && questionFp.length !== 4 * answered.length) return null;
    const state = blankState(cfg);
    if (kept) {
      const right = parseInt(kept[1], 36), answered = parseInt(kept[2], 36);
      if (right <= answered) state.kept = [right, answered];
    }
    if (same) {
      state.complete = f[2] === 'c';
      state.visited = state.visited.map((_, i) => visited[i] === 1);
      state.marks = state.marks.map((_, i) => marks[i]);
      return state;
    }
    // Another build: move what still applies by id; answers to removed questions are dropped.
    mapByFingerprint(lessonFp, cfg.lessons.map(l => l.id)).forEach((now, old) => {
      if (visited[old]) state.visited[now] = true;
    });
    mapByFingerprint(questionFp, cfg.questions).forEach((now, j) => {
      state.marks[now] = marks[answered[j]];
    });
    if (!questionFp) state.kept = [0, 0];  // counts of another question set mean nothing here
    return state;
  }

  /**
   * Completion and score of the whole course (one SCO) from the state.
   * rule "answered": every lesson's knowledge checks answered (a lesson without any: visited);
   * rule "visited": every lesson visited. Score: share of knowledge checks answered right,
   * null when the course has none or nothing has been answered yet.
   * @param {State} state
   * @param {Pick<Config, 'completion' | 'lessons' | 'questions'>} cfg
   * @returns {Progress}
   */
  function progressOf(state, cfg) {
    const total = cfg.questions.length;
    let right = state.kept[0], answered = state.kept[1];
    state.marks.forEach(m => { if (m) answered++; if (m === 2) right++; });
    right = Math.min(right, total);
    answered = Math.min(answered, total);
    let done = 0;
    cfg.lessons.forEach((l, i) => {
      const byVisit = cfg.completion === 'visited' || !l.checks.length;
      if (byVisit ? state.visited[i] : l.checks.every(q => state.marks[q] > 0)) done++;
    });
    return {complete: state.complete || done === cfg.lessons.length, lessonsDone: done,
      right: right, answered: answered, total: total,
      scaled: total && answered ? right / total : null};
  }

  /**
   * The score to report: the higher of the one the LMS holds and this one, or null when there
   * is nothing to report yet.
   * @param {string} held what the LMS returned for score.raw ('' when none)
   * @param {number | null} pct this session's score, 0 to 100
   * @returns {number | null}
   */
  function mergeScore(held, pct) {
    if (pct === null) return null;
    const h = /^\d{1,3}(\.\d+)?$/.test(held) ? Number(held) : NaN;
    return h >= 0 && h <= 100 && h > pct ? h : pct;
  }

  /** Ranks of the status values: a status is only ever replaced by a higher one. */
  const RANKS = {
    lesson: ['not attempted', 'browsed', 'incomplete', 'failed', 'completed', 'passed'],
    completion: ['unknown', 'not attempted', 'incomplete', 'completed'],
    success: ['unknown', 'failed', 'passed'],
  };

  /**
   * The status to set, or null when the LMS already holds this one or a higher one.
   * @param {'lesson' | 'completion' | 'success'} kind
   * @param {string} held
   * @param {string | null} wanted
   * @returns {string | null}
   */
  function raiseStatus(kind, held, wanted) {
    if (wanted === null) return null;
    const ranks = RANKS[kind], h = ranks.indexOf(held), w = ranks.indexOf(wanted);
    return w > h ? wanted : null;
  }

  /**
   * Pass or fail against a mastery score (0 to 100): passed once the score reaches it, failed
   * only once the course is complete below it, null without a mastery score or before that.
   * @param {Progress} p
   * @param {number | null} score
   * @param {number | null} mastery
   * @returns {'passed' | 'failed' | null}
   */
  function successOf(p, score, mastery) {
    if (mastery === null || score === null) return null;
    if (score >= mastery) return 'passed';
    return p.complete ? 'failed' : null;
  }

  /**
   * SCORM 1.2's lesson_status for this progress.
   * @param {Progress} p
   * @param {number | null} score
   * @param {number | null} mastery
   * @returns {string}
   */
  function lessonStatus(p, score, mastery) {
    return successOf(p, score, mastery) || (p.complete ? 'completed' : 'incomplete');
  }

  /**
   * A mastery score (0 to 100) from the LMS's value, else the build's, else null.
   * @param {string} held cmi.student_data.mastery_score (0-100) or cmi.scaled_passing_score
   *   (-1 to 1, times 100) as the LMS returned it
   * @param {number} scale 1 for 1.2, 100 for 2004
   * @param {number | null} fallback
   * @returns {number | null}
   */
  function masteryOf(held, scale, fallback) {
    if (/^-?\d+(\.\d+)?$/.test(held)) {
      const n = Number(held) * scale;
      if (n >= 0 && n <= 100) return n;
    }
    return fallback;
  }

  /**
   * SCORM 1.2 session time HH:MM:SS (hours at least two digits).
   * @param {number} ms
   * @returns {string}
   */
  function time12(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    /** @param {number} n */
    const p = n => (n < 10 ? '0' : '') + n;
    return p(Math.floor(s / 3600)) + ':' + p(Math.floor(s / 60) % 60) + ':' + p(s % 60);
  }

  /**
   * SCORM 2004 session time, an ISO 8601 duration.
   * @param {number} ms
   * @returns {string}
   */
  function time2004(ms) {
    return 'PT' + Math.max(0, Math.round(ms / 1000)) + 'S';
  }

  /**
   * A SCORM 2004 time stamp in the learner's zone, with its offset: 2026-12-04T20:15:03.0+01:00
   * (the data model allows the zone only after a fraction of a second: YYYY-MM-DDThh:mm:ss.s TZD).
   * @param {Date} d
   * @returns {string}
   */
  function timestamp2004(d) {
    /** @param {number} n */
    const p = n => (n < 10 ? '0' : '') + n;
    const off = -d.getTimezoneOffset(), a = Math.abs(off);
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' +
      p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()) +
      '.' + Math.floor(d.getMilliseconds() / 100) + (off < 0 ? '-' : '+') + p(Math.floor(a / 60)) + ':' + p(a % 60);
  }

  /**
   * Commits at most once per `delay` ms (`soon`), at once when asked (`now`), or at once only
   * when a commit is due (`flush`, e.g. when the page is hidden).
   * @param {() => void} commit
   * @param {number} delay
   * @param {(f: () => void, ms: number) => unknown} setTimer
   * @param {(t: unknown) => void} clearTimer
   * @returns {{soon: () => void, now: () => void, flush: () => void}}
   */
  function throttle(commit, delay, setTimer, clearTimer) {
    /** @type {unknown} */
    let timer = null;
    const run = () => { timer = null; commit(); };
    const now = () => { if (timer !== null) clearTimer(timer); run(); };
    return {
      soon() { if (timer === null) timer = setTimer(run, delay); },
      now: now,
      flush() { if (timer !== null) now(); },
    };
  }

  const api = {packBits: packBits, unpackBits: unpackBits, fingerprint: fingerprint,
    blankState: blankState, encodeState: encodeState, decodeState: decodeState,
    progressOf: progressOf, mergeScore: mergeScore, raiseStatus: raiseStatus,
    successOf: successOf, lessonStatus: lessonStatus, masteryOf: masteryOf, time12: time12,
    time2004: time2004, timestamp2004: timestamp2004, throttle: throttle};
  /** @type {any} */ (root).CourseScorm = api;  // pure functions only: nothing here reads the page
  if (typeof document === 'undefined') return;

  // ------------------------------------------------------------------ finding the LMS

  /**
   * The API object `name` in `win` or one of its parents (at most 10 steps, as the ADL
   * wrappers do); frames from another origin are skipped.
   * @param {Window | null} win
   * @param {string} name
   * @returns {any}
   */
  function searchFrames(win, name) {
    for (let tries = 0; win && tries <= 10; tries++) {
      try { const found = /** @type {any} */ (win)[name]; if (found) return found; } catch { /* another origin */ }
      /** @type {Window | null} */
      let up;
      try { up = win.parent; } catch { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }

  /**
   * @param {string} name
   * @returns {any}
   */
  function findAPI(name) {
    let found = searchFrames(root, name);
    try { if (!found && root.opener) found = searchFrames(root.opener, name); } catch { found = null; }
    return found;
  }

  // ------------------------------------------------------------------ launch page (the session)

  /** The data model names of each version. */
  const NAMES = {
    '1.2': {init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
      finish: 'LMSFinish', status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location',
      entry: 'cmi.core.entry', exit: 'cmi.core.exit', time: 'cmi.core.session_time',
      score: 'cmi.core.score.', mastery: 'cmi.student_data.mastery_score'},
    '2004': {init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
      finish: 'Terminate', status: 'cmi.completion_status', location: 'cmi.location',
      entry: 'cmi.entry', exit: 'cmi.exit', time: 'cmi.session_time', score: 'cmi.score.',
      mastery: 'cmi.scaled_passing_score'},
  };

  /**
   * @typedef {{v12: boolean, names: typeof NAMES['1.2'], get: (k: string) => string,
   *   set: (k: string, v: string | number) => void,
   *   call: (fn: string, ...args: string[]) => string}} Lms
   */

  /**
   * The build's configuration from the launch page, or null when it is missing or broken.
   * @param {Element} el
   * @returns {Config | null}
   */
  function readConfig(el) {
    try {
      const cfg = JSON.parse(el.getAttribute('data-ci-scorm') || '');
      return cfg && Array.isArray(cfg.lessons) && Array.isArray(cfg.questions) ? cfg : null;
    } catch { return null; }
  }

  /**
   * Fill the window with the frame (styles set from script: the policy allows no inline style).
   * @param {HTMLElement} frame
   */
  function fitFrame(frame) {
    [document.documentElement, document.body].forEach(e => { e.style.height = '100%'; e.style.margin = '0'; });
    document.body.style.display = 'flex';
    document.body.style.flexDirection = 'column';
    frame.style.flex = '1';
    frame.style.border = '0';
    frame.style.width = '100%';
  }

  /**
   * Find the LMS and start its session; null without an LMS or when it refuses.
   * @param {Config} cfg
   * @returns {Lms | null}
   */
  function connect(cfg) {
    const v12 = cfg.version === '1.2', names = NAMES[v12 ? '1.2' : '2004'];
    const lms = findAPI(v12 ? 'API' : 'API_1484_11');
    if (!lms) return null;
    /** @param {string} fn @param {...string} args @returns {string} */
    const call = (fn, ...args) => {
      try { return String(lms[fn].apply(lms, args)); } catch { return ''; }
    };
    if (call(names.init, '') !== 'true') return null;
    return {
      v12: v12, names: names, call: call,
      get: k => { const v = call(names.get, k); return v === 'undefined' || v === 'null' ? '' : v; },
      set: (k, v) => { call(names.set, k, String(v)); },
    };
  }

  /**
   * What this learner did in earlier sessions, as far as this build can read it.
   * @param {Lms} lms
   * @param {Config} cfg
   * @returns {State}
   */
  function restore(lms, cfg) {
    let state;
    try { state = decodeState(lms.get('cmi.suspend_data'), cfg); } catch { state = null; }
    return state || blankState(cfg);
  }

  /**
   * Mark the attempt started: a status the LMS holds is only ever raised.
   * @param {Lms} lms
   */
  function markStarted(lms) {
    const wanted = raiseStatus(lms.v12 ? 'lesson' : 'completion', lms.get(lms.names.status), 'incomplete');
    if (wanted) lms.set(lms.names.status, wanted);
    lms.set(lms.names.exit, 'suspend');
  }

  /**
   * The page the frame opens first: the bookmarked lesson, else the home page.
   * @param {Lms} lms
   * @param {Config} cfg
   * @param {string} fallback
   * @returns {string}
   */
  function resumeUrl(lms, cfg, fallback) {
    const at = lms.get(lms.names.location);
    const lesson = cfg.lessons.find(l => l.id === at);  // compared as data, never a property name
    return lesson ? lesson.url : fallback;
  }

  /**
   * Writes the state to the LMS: suspend_data always, score and statuses only upwards.
   * @param {Lms} lms
   * @param {Config} cfg
   * @param {HTMLElement | null} note
   * @returns {(state: State) => {state: State, milestone: boolean}}
   */
  function reporter(lms, cfg, note) {
    const n = lms.names;
    const mastery = masteryOf(lms.get(n.mastery), lms.v12 ? 1 : 100, cfg.mastery);
    return state => {
      const p = progressOf(state, cfg);
      const enc = encodeState({...state, complete: p.complete}, cfg, cfg.limit);
      if (enc.trimmed && note) {
        note.textContent = cfg.strings.trimmed;
        note.hidden = false;
      }
      if (enc.text) lms.set('cmi.suspend_data', enc.text);
      const pct = p.scaled === null ? null : Math.round(100 * p.scaled);
      const score = mergeScore(lms.get(n.score + 'raw'), pct);
      if (score !== null && p.scaled !== null) {
        lms.set(n.score + 'min', 0);
        lms.set(n.score + 'max', 100);
        lms.set(n.score + 'raw', score);
        const scaled = score === pct ? p.scaled : score / 100;  // the exact share when it is ours
        if (!lms.v12) lms.set('cmi.score.scaled', Math.round(10000 * scaled) / 10000);
      }
      if (!lms.v12) {
        const measure = Math.round(10000 * p.lessonsDone / cfg.lessons.length) / 10000;
        const held = Number(lms.get('cmi.progress_measure'));
        if (!(held >= measure)) lms.set('cmi.progress_measure', measure);
      }
      const changes = lms.v12
        ? [[n.status, raiseStatus('lesson', lms.get(n.status), lessonStatus(p, score, mastery))]]
        : [[n.status, raiseStatus('completion', lms.get(n.status), p.complete ? 'completed' : null)],
          ['cmi.success_status', raiseStatus('success', lms.get('cmi.success_status'), successOf(p, score, mastery))]];
      let milestone = false;
      changes.forEach(([k, v]) => { if (k && v) { lms.set(k, v); milestone = true; } });
      return {state: enc.state, milestone: milestone};
    };
  }

  /**
   * Send one knowledge-check answer as a `cmi.interactions` record (id, type, result, time).
   * @param {Lms} lms
   * @param {Config} cfg
   * @param {string} question an id of this package's questions
   * @param {boolean} correct
   */
  function sendInteraction(lms, cfg, question, correct) {
    const k = Number(lms.get('cmi.interactions._count')) || 0, pre = 'cmi.interactions.' + k + '.';
    lms.set(pre + 'id', question);
    lms.set(pre + 'type', Object.prototype.hasOwnProperty.call(cfg.kinds, question) ? cfg.kinds[question] : 'other');
    lms.set(pre + 'result', correct ? 'correct' : (lms.v12 ? 'wrong' : 'incorrect'));
    if (!lms.v12) lms.set(pre + 'timestamp', timestamp2004(new Date()));
  }

  /**
   * The session course pages talk to (`page`, `answer`), with `finish` for its end and `hidden`
   * for a page the learner left (a due commit is sent at once).
   * @param {Lms} live
   * @param {Config} cfg
   * @param {HTMLElement | null} note
   */
  function openSession(live, cfg, note) {
    const started = Date.now(), report = reporter(live, cfg, note);
    let state = restore(live, cfg), shown = -1, finished = false;
    const commits = throttle(() => { live.call(live.names.commit, ''); }, cfg.commit_delay || 30000,
      (f, ms) => root.setTimeout(f, ms), t => root.clearTimeout(/** @type {number} */ (t)));
    /** @param {boolean} soon */
    const save = soon => {
      const out = report(state);
      state = out.state;
      if (out.milestone || !soon) commits.now(); else commits.soon();
    };
    /** @type {Map<string, number>} */
    const lessonAt = new Map(), questionAt = new Map();
    cfg.lessons.forEach((l, i) => lessonAt.set(new URL(l.url, root.location.href).pathname, i));
    cfg.questions.forEach((q, i) => questionAt.set(q, i));
    return {
      api: {
        /** @param {string} href the course page's address (its lesson is found from it) */
        page(href) {
          let i;
          try { i = lessonAt.get(new URL(String(href)).pathname); } catch { i = undefined; }
          if (finished || i === undefined || i === shown) return;
          shown = i;
          state.visited[i] = true;
          live.set(live.names.location, cfg.lessons[i].id);
          save(true);
        },
        /** @param {any} d the runtime's ci:answer detail */
        answer(d) {
          // Knowledge checks of this build only: anything else (a self-check, a reflection,
          // an unknown id) is ignored without reading further.
          const qi = d && typeof d.question === 'string' ? questionAt.get(d.question) : undefined;
          if (finished || qi === undefined || typeof d.correct !== 'boolean') return;
          state.marks[qi] = d.correct ? 2 : 1;
          if (cfg.interactions) sendInteraction(live, cfg, d.question, d.correct);
          save(true);
        },
      },
      finish() {
        if (finished) return;
        finished = true;
        live.set(live.names.time, (live.v12 ? time12 : time2004)(Date.now() - started));
        live.set(live.names.exit, 'suspend');
        save(false);
        live.call(live.names.finish, '');
      },
      hidden() { if (!finished) commits.flush(); },
    };
  }

  /**
   * The launch page: start the session, show the course, report what the pages tell.
   * @param {Element} el
   */
  function host(el) {
    const cfg = readConfig(el);
    const frame = document.getElementById('ci-scorm-frame');
    if (!cfg || !frame) return;
    fitFrame(frame);
    let start = frame.dataset.src || 'index.html';
    /** @type {Lms | null} */
    let lms;
    try { lms = connect(cfg); } catch { lms = null; }
    if (lms) {
      const live = lms;
      // Each step on its own: one odd value from the LMS cannot stop the others.
      try { markStarted(live); } catch { /* keep going */ }
      try { start = resumeUrl(live, cfg, start); } catch { /* the home page */ }
      const session = openSession(live, cfg, document.getElementById('ci-scorm-note'));
      live.call(live.names.commit, '');  // the attempt has started: one commit, then throttled
      /** @type {any} */ (root).CourseScormSession = session.api;
      root.addEventListener('pagehide', session.finish);
      root.addEventListener('beforeunload', session.finish);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') session.hidden();
      });
    }
    /** @type {HTMLIFrameElement} */ (frame).src = start;  // after the session exists, so the first page finds it
  }

  // ------------------------------------------------------------------ course page inside the frame

  /**
   * Whether a link leads to another site (http or https on another host).
   * @param {HTMLAnchorElement} a
   * @returns {boolean}
   */
  function isOutside(a) {
    return /^https?:$/.test(a.protocol) && a.host !== root.location.host;
  }

  function page() {
    /** @type {any} */
    let session = null;
    try { session = root.parent !== root && /** @type {any} */ (root.parent).CourseScormSession; } catch { session = null; }
    document.addEventListener('click', ev => {
      const t = /** @type {Element | null} */ (ev.target);
      const a = t && t.closest ? t.closest('a[href]') : null;
      if (!(a instanceof HTMLAnchorElement) || root.parent === root) return;
      if (a.hasAttribute('data-ci-quick-exit')) {
        // Quick exit must leave the whole LMS window, not only this frame, and leave no Back step.
        try {
          if (!root.top) return;
          root.top.location.replace(a.href);
          ev.preventDefault();
          ev.stopImmediatePropagation();
        } catch { /* the LMS forbids it: course.js replaces this frame instead */ }
      } else if (isOutside(a) && a.target !== '_blank') {
        // Another site never opens inside the LMS frame (many refuse to be framed).
        ev.preventDefault();
        root.open(a.href, '_blank', 'noopener');
      }
    }, true);
    if (!session) return;  // not inside our launch page: the web edition, unchanged
    const current = () => session.page(root.location.href);
    document.addEventListener('ci:page', current);
    document.addEventListener('ci:answer', e => session.answer(/** @type {CustomEvent} */ (e).detail));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', current);
    else current();
  }

  const launch = document.getElementById('ci-scorm');
  if (launch) host(launch); else page();
})(typeof window !== 'undefined' ? window : /** @type {any} */ (globalThis));
