// @ts-check
/* Course runtime: adds behaviour to the quiz HTML the generator renders. One hand-written
   file, no dependencies, no network: answers stay in this browser, and only in localStorage
   when the learner turns on "Remember my answers". Sections: pure helpers (scoring mirrors
   generator/core/scoring.py, held in step by tests/test_scoring_parity.py), the stored format
   (the one id rule and the validators every runtime file uses), the one store, DOM helpers,
   components (each a mountX(el, ctx) found by a data attribute, returning an optional sync()
   that redraws it from the store), start-up. The only globals are window.CourseRuntime (and
   window.CourseJourney from journey.js). Every mount and sync runs in a guard: a component
   that throws shows a short message in its own element and the rest of the page keeps working.

   Why classic scripts and not ES modules: the offline edition runs from file://, where
   browsers refuse to load modules (and Chromium even refuses a module import of a sibling
   file). So each file is one IIFE; the pure parts are also exported for Node
   (`module.exports`, tests/js/) when the file is loaded there. TypeScript checks the JSDoc
   types (tsconfig.json, types/globals.d.ts); nothing is compiled for the learner.

   Hooks: which markup the runtime reads (issue 22). Course text (lesson and page bodies) sits
   in a region the generator draws around it, <div class="ci-body" data-ci-body="1">; the sanitiser
   keeps a body's HTML inside it. The runtime, and any other script that looks for our
   components (the SCORM scan in scorm.js must use the same rule), reads a hook only when
     1. it is not inside a [data-ci-body] region (CourseRuntime.trusted(el) says so);
     2. it is not nested in another component (a question inside a question's text), and it
        is the first component on the page with its record id (data-ci-id);
     3. every URL it takes from the page is a same-origin relative path (CourseRuntime.safeHref);
        the quick-exit link goes to the configured quickExit URL from the config block, never
        to a link's own href.
   The config block (#ci-config) comes before every body on the page, so the first one found
   is the generator's. Theme classes (md-…) inside a body get no fixed position (course.css).

   Events for other scripts (e.g. a SCORM adapter in its own file), dispatched on document:
     "ci:page"   detail {lesson}  once per lesson page mounted (also after instant navigation)
     "ci:answer" detail {question, lesson, kind, correct, score}  when a question is checked:
                 kind "single_choice" | "multiple_choice" | "ordering" | "self_check";
                 correct true | false (null for a self-check); score the points as a
                 fraction 0..1 (null for a self-check).
   lesson is the lesson id, or the page path on pages that are not lessons.

   Stored format (key "<storageKey>:data", written only with "remember" on), version 2:
     {v: 2, course, answers: {<id>: record}, visited: [<lesson id>], attempts, sched}
   A record holds h (content hash), p (label) and the fields in FIELDS below. attempts:
   {<self-check id>: [{at (ISO time, '' if unknown), k (record id), h, a}]}; sched (review
   queue, rule in journey.js): {<question id>: [box 1-4, due day]}. upgrade() migrates v1.
   Records this runtime cannot read are never deleted: they are set aside, as their JSON text,
   under "<storageKey>:kept" (an array of {why, id?, raw}) and included in the JSON download.
   The store is the only writer (store.commit): each write reads what is stored now, changes
   only its own records and writes that back, and a `storage` event from another tab reloads
   this one, so two tabs never overwrite each other's answers. A store of a NEWER version is
   never touched: this page then works in memory only and says so. A newer runtime brings back
   what an older one set aside (why 'version'); the storage panel restores other set-aside
   records it can read now. From file:// (the offline edition) the key also names the folder
   the course was opened from: every file:// page shares one origin in Chromium. */
(function (root) {
  'use strict';
  if (root.CourseRuntime && root.CourseRuntime.store) return;

  // Types of the stored data and the config: types/globals.d.ts.

  // ------------------------------------------------------------------ pure helpers

  /**
   * Sign of s/n − f[0]/f[1] by integer cross-multiplication (n, f[1] > 0): exact, no rounding.
   * @param {number} s @param {number} n @param {[number, number]} f
   */
  function cmpMean(s, n, f) { return s * f[1] - f[0] * n; }

  /**
   * Id of the first band whose range holds the mean s/n, or null.
   * @param {Band[]} bands @param {number} s @param {number} n
   * @returns {string | null}
   */
  function bandOf(bands, s, n) {
    for (const b of bands) {
      const lo = b.lo ? cmpMean(s, n, b.lo) : 1, hi = b.hi ? cmpMean(s, n, b.hi) : -1;
      if ((lo > 0 || (lo === 0 && b.loInc)) && (hi < 0 || (hi === 0 && b.hiInc))) return b.id;
    }
    return null;
  }

  /**
   * Score a self-check like generator.scoring.score_self_check. answers: item id -> anchor
   * value; anything that is not a number ("na", null, missing) is no answer.
   * @param {SelfCheckData} data @param {{[item: string]: unknown}} answers
   * @returns {Scored}
   */
  function scoreSelfCheck(data, answers) {
    /** @type {{[id: string]: Group}} */
    const subscales = dict(), raws = /** @type {number[]} */ ([]);
    let n = 0, s = 0, enough = true;
    for (const sub of data.subscales) {
      const items = data.items.filter(i => i.subscale === sub.id);
      let k = 0, sum = 0;
      for (const i of items) {
        const v = own(answers, i.id) ? answers[i.id] : undefined;
        if (typeof v !== 'number') continue;
        k++; raws.push(v);
        sum += i.reverse ? data.lo + data.hi - v : v;
      }
      const band = k >= 1 && items.length - k <= data.maxMissing ? bandOf(data.bands, sum, k) : null;
      subscales[sub.id] = {answered: k, total: items.length, sum: sum, band: band};
      n += k; s += sum; enough = enough && band !== null;
    }
    const overall = data.overall
      ? {answered: n, total: data.items.length, sum: s, band: enough ? bandOf(data.bands, s, n) : null} : null;
    return {subscales: subscales, overall: overall, identical: raws.length >= 3 && raws.every(v => v === raws[0])};
  }

  /**
   * Points for a choice answer. partial: right picks − wrong picks (never below 0) out of the correct count.
   * @param {string[]} correct @param {string[]} picked @param {string | undefined} scoring
   */
  function gradeChoice(correct, picked, scoring) {
    const right = picked.filter(v => correct.indexOf(v) >= 0).length, wrong = picked.length - right;
    if (scoring === 'partial') return {pts: Math.max(0, right - wrong), tot: correct.length};
    return {pts: right === correct.length && !wrong ? 1 : 0, tot: 1};
  }

  /**
   * Points for an ordering answer: items in their right place.
   * @param {string[]} key @param {string[]} order
   */
  function gradeOrder(key, order) {
    return {pts: key.filter((id, i) => order[i] === id).length, tot: key.length};
  }

  /**
   * The form of a UI string for the count n: a plain string as it is; a plural text (an object
   * of CLDR categories, e.g. {one: '{n} question', other: '{n} questions'}) by
   * Intl.PluralRules for lang, 'other' when its category is missing. Mirrors plural_form in
   * generator/core/languages.py (tests/test_languages.py holds the two together).
   * @param {unknown} text @param {number} n @param {string} [lang]
   * @returns {unknown}
   */
  function pluralForm(text, n, lang) {
    if (!isObj(text)) return text;
    let cat = 'other';
    try { cat = new Intl.PluralRules(lang || undefined).select(n); } catch (e) { /* unknown tag */ }
    return own(text, cat) && typeof text[cat] === 'string' ? text[cat] : text.other;
  }

  /**
   * Fill {name} placeholders (only the names vars has as its own); a plural text takes its
   * form for vars.n (lang: the page's).
   * @param {unknown} text @param {{[name: string]: unknown}} [vars] @param {string} [lang]
   */
  function fmt(text, vars, lang) {
    if (isObj(text)) {
      const page = typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
      const n = vars && own(vars, 'n') && typeof vars.n === 'number' ? vars.n : NaN;
      text = pluralForm(text, n, lang || page);
    }
    return String(text === null || text === undefined ? '' : text).replace(/\{(\w+)\}/g, (m, k) => (vars && own(vars, k) ? String(vars[k]) : m));
  }

  /**
   * 32-bit FNV-1a hash of a string.
   * @param {string} text
   */
  function hashText(text) {
    let x = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 16777619);
    return x >>> 0;
  }

  /**
   * Shuffle the entries of list for which fixed(entry) is false among their own places
   * (fixed entries keep theirs), with a small seeded generator (mulberry32): same seed, same order.
   * @template T
   * @param {T[]} list @param {number} seed @param {(x: T) => boolean} fixed
   * @returns {T[]}
   */
  function shuffleWith(list, seed, fixed) {
    const out = list.slice(), free = /** @type {number[]} */ ([]);
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

  /* The review queue's rule (Leitner boxes): a checked question moves up one box when right
     (at most box 4) and back to box 1 when not, and is due again INTERVAL[box - 1] days later.
     entry: [box, due day] or undefined; day: whole days since 1970 (UTC). */
  const INTERVAL = [1, 3, 7, 21], today = () => Math.floor(Date.now() / 864e5);
  /**
   * @param {Sched | undefined} entry @param {boolean} right @param {number} day
   * @returns {Sched}
   */
  function reschedule(entry, right, day) {
    const b = right ? Math.min(4, (entry ? entry[0] : 0) + 1) : 1;
    return [b, day + INTERVAL[b - 1]];
  }

  /**
   * The learner's result on a checked question, in words.
   * @param {AnswerRecord} r @param {{[key: string]: string}} str
   */
  function resultText(r, str) {
    if (r.order) return r.pts === r.tot ? str.order_correct : fmt(str.order_incorrect, {n: r.pts, total: r.tot});
    return r.pts === r.tot ? str.correct : r.pts ? fmt(str.partly_correct, {score: r.pts, n: r.tot}) : str.incorrect;
  }

  /**
   * A link the page may follow, as written: one that stays on the page's own
   * protocol and host (a relative path, or the same address written out in full), read as the
   * browser reads it; null for any other scheme (`javascript:`, `data:`, `blob:`), another
   * host (`//host`, `/\host`, `https://elsewhere/`), credentials or control characters.
   * @param {unknown} href @param {string} base the page's own URL
   * @returns {string | null}
   */
  function safeHref(href, base) {
    if (typeof href !== 'string') return null;
    // URL parsers drop tabs and line breaks anywhere and trim controls and spaces at the ends.
    const raw = href.replace(/[\t\n\r]/g, '');
    let i = 0, j = raw.length;
    while (i < j && raw.charCodeAt(i) <= 32) i++;
    while (j > i && raw.charCodeAt(j - 1) <= 32) j--;
    const text = raw.slice(i, j), control = [].some.call(text, (/** @type {string} */ c) => c.charCodeAt(0) < 32 || c === '\\');
    if (!text || control) return null;
    let at, here;
    try { at = new URL(text, base); here = new URL(base); } catch (e) { return null; }
    return at.protocol === here.protocol && at.host === here.host && !at.username && !at.password ? text : null;
  }

  /**
   * The configured quick-exit address: https only, no credentials; null otherwise.
   * @param {unknown} url
   * @returns {string | null}
   */
  function safeExit(url) {
    if (typeof url !== 'string' || !/^https:\/\//i.test(url)) return null;
    try {
      const u = new URL(url);
      return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
    } catch (e) { return null; }
  }

  /**
   * The storage key's prefix: the course's key, and from file:// also the folder the course
   * was opened from (every file:// page shares one origin in Chromium, so two offline
   * editions, or two versions of one, would otherwise share one store).
   * @param {string} key @param {string} href the page's URL @param {string} home the home page, relative to it
   */
  function keyBase(key, href, home) {
    let at;
    try { at = new URL(home || '.', href); } catch (e) { return key; }
    if (at.protocol !== 'file:') return key;
    return key + '@' + at.pathname.slice(0, at.pathname.lastIndexOf('/') + 1);
  }

  // ------------------------------------------------------------------ the stored format

  /* The id rule: generator/core/ids.py (ID_PATTERN, ID_MAX_LENGTH, RESERVED_IDS), compared by
     tests/test_ids.py over one corpus. Names every JavaScript object has are no ids. */
  const ID = /^[a-z0-9][a-z0-9_-]{0,79}$/, HASH = /^[0-9a-f]{12}$/;
  const RESERVED = ['__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
    'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'prototype', 'toLocaleString',
    'toString', 'valueOf'];
  /** @param {unknown} x @returns {x is string} */
  const isId = x => typeof x === 'string' && ID.test(x) && RESERVED.indexOf(x) < 0;
  /** Every limit the store enforces, on what it reads, writes and imports. */
  const LIMITS = {text: 20000, label: 500, file: 512000, answers: 5000, visited: 1000, attempts: 50, kept: 1000, sched: 5000};
  const MAX_TEXT = LIMITS.text, MAX_LABEL = LIMITS.label, MAX_FILE = LIMITS.file;
  /**
   * A map with no prototype: a stored or page id can never reach a built-in.
   * @returns {{[key: string]: any}}
   */
  const dict = () => Object.create(null);
  /** @param {unknown} o @param {PropertyKey} k */
  const own = (o, k) => o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k);
  /** @param {unknown} v @returns {v is {[key: string]: any}} */
  const isObj = v => v !== null && typeof v === 'object' && !Array.isArray(v);
  /** @param {unknown} v @param {number} max @returns {v is string} */
  const isStr = (v, max) => typeof v === 'string' && v.length <= max;
  /** @param {unknown} v @param {number} lo @param {number} hi @returns {v is number} */
  const isInt = (v, lo, hi) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  /** @param {unknown} v @returns {v is boolean} */
  const isBool = v => typeof v === 'boolean';
  /** @param {unknown} v @param {number} max @returns {v is string[]} */
  const ids = (v, max) => Array.isArray(v) && v.length <= max && v.every(isId);
  /** @param {unknown} v @returns {v is Answers} */
  const isAnswers = v => isObj(v) && Object.keys(v).length <= 200 &&
    Object.keys(v).every(k => isId(k) && (v[k] === 'na' || isInt(v[k], -1000, 1000)));
  /** @type {{[field: string]: (v: unknown) => boolean}} Every field an answer record may hold, with its check (read with own()). */
  const FIELDS = {
    h: v => typeof v === 'string' && HASH.test(v), p: v => isStr(v, MAX_LABEL),
    sel: v => ids(v, 12), order: v => ids(v, 12), text: v => isStr(v, MAX_TEXT), a: isAnswers,
    done: isBool, live: isBool, rev: isBool, pts: v => isInt(v, 0, 100), tot: v => isInt(v, 1, 100),
    res: v => Array.isArray(v) && v.length <= 40 && v.every(x => isStr(x, MAX_LABEL)), at: v => isStr(v, 40),
  };
  /**
   * v is a map of ids to values that pass f, at most max of them.
   * @param {unknown} v @param {number} max @param {(x: unknown) => boolean} f
   */
  const each = (v, max, f) => isObj(v) && Object.keys(v).length <= max && Object.keys(v).every(k => isId(k) && f(v[k]));
  /** @param {unknown} x @returns {x is Attempt} */
  const isAttempt = x => isObj(x) && Object.keys(x).length === 4 && FIELDS.at(x.at) && isId(x.k) && FIELDS.h(x.h) && isAnswers(x.a);
  /** @type {{[part: string]: (v: unknown) => boolean}} The journey parts of the store, with their checks. */
  const MORE = {
    attempts: v => each(v, LIMITS.answers, l => Array.isArray(l) && l.length <= LIMITS.attempts && l.every(isAttempt)),
    sched: v => each(v, LIMITS.sched, x => Array.isArray(x) && x.length === 2 && isInt(x[0], 1, 4) && isInt(x[1], 0, 1e6)),
  };
  /** @param {unknown} r @returns {boolean} */
  const badRecord = r => !isObj(r) || !own(r, 'h') || Object.keys(r).some(k => !own(FIELDS, k) || !FIELDS[k](r[k]));
  /** @param {unknown} v @returns {v is Kept} A record set aside: {why, id?, raw}, raw being the JSON text exactly as it was found. */
  const isKept = v => isObj(v) && isStr(v.why, 40) && isStr(v.raw, MAX_FILE) &&
    Object.keys(v).every(k => ['why', 'id', 'raw', 'at'].indexOf(k) >= 0 && isStr(v[k], MAX_FILE));
  /** @returns {State} */
  const blank = () => ({answers: dict(), visited: dict(), attempts: dict(), sched: dict()});
  /**
   * A copy of parsed JSON in prototype-free maps.
   * @param {any} v
   * @returns {any}
   */
  function clean(v) {
    if (Array.isArray(v)) return v.map(clean);
    if (!isObj(v)) return v;
    const out = dict();
    Object.keys(v).forEach(k => { out[k] = clean(v[k]); });
    return out;
  }

  /**
   * The version a stored text or file says it is, or null.
   * @param {unknown} d
   */
  const versionOf = d => (isObj(d) && typeof d.v === 'number' && Number.isFinite(d.v) ? d.v : null);

  /**
   * Bring a store or file of an earlier format to this one: version 1 had no attempts or
   * schedule; its scored self-checks become first attempts of unknown date.
   * @param {any} d
   */
  function upgrade(d) {
    if (isObj(d) && d.v === 1 && isObj(d.answers)) {
      d.v = 2; d.attempts = dict(); d.sched = dict();
      Object.keys(d.answers).forEach(id => {
        const r = d.answers[id];
        if (isObj(r) && r.done && isObj(r.a) && isId(id)) { r.at = ''; d.attempts[id] = [{at: '', k: id, h: r.h, a: r.a}]; }
      });
    }
    return d;
  }

  /**
   * attempts and sched of d into out, each {} when missing or failing its check.
   * @param {any} d @param {State} out
   */
  function more(d, out) {
    out.attempts = MORE.attempts(d.attempts) ? clean(d.attempts) : dict();
    out.sched = MORE.sched(d.sched) ? clean(d.sched) : dict();
  }

  /**
   * A record cut to the limits readStored checks, so what is written can always be read back.
   * @param {AnswerRecord} r
   * @returns {AnswerRecord}
   */
  function clampRecord(r) {
    /** @type {AnswerRecord} */
    const c = Object.assign(dict(), r);
    if (typeof c.p === 'string') c.p = c.p.slice(0, MAX_LABEL);
    if (typeof c.text === 'string') c.text = c.text.slice(0, MAX_TEXT);
    if (Array.isArray(c.res)) c.res = c.res.slice(0, 40).map(l => String(l).slice(0, MAX_LABEL));
    return c;
  }

  /**
   * @typedef {object} Read
   * @property {State} state what loads
   * @property {Kept[]} kept what is to be set aside
   * @property {boolean} newer the text is a store of a newer version: leave it alone
   */
  /**
   * Read what this course stored here, keeping every part it can: a record that fails its
   * check (or a whole store that is unreadable or of an unknown older version) comes back in
   * `kept` as its JSON text, to be set aside, and the rest loads. A store of a newer version
   * comes back as `newer` with nothing to set aside. The course title is not checked: the
   * storage key says whose data this is (a retitled course may keep its key).
   * @param {string} raw @param {{version: number}} cfg
   * @returns {Read}
   */
  function readStored(raw, cfg) {
    const state = blank(), kept = /** @type {Kept[]} */ ([]);
    let d;
    try { d = JSON.parse(raw); } catch (e) { d = null; }
    const v = versionOf(d);
    if (v !== null && v > cfg.version) return {state: state, kept: kept, newer: true};
    d = upgrade(d);
    if (!isObj(d) || d.v !== cfg.version || !isObj(d.answers)) {
      kept.push({why: isObj(d) && d.v !== cfg.version ? 'version' : 'unreadable', raw: String(raw)});
      return {state: state, kept: kept, newer: false};
    }
    for (const id of Object.keys(d.answers)) {
      const r = isObj(d.answers[id]) ? clampRecord(d.answers[id]) : d.answers[id];  // e.g. long lines from an older runtime
      if (isId(id) && !badRecord(r)) state.answers[id] = clean(r);
      else kept.push({why: 'unreadable', id: String(id).slice(0, MAX_LABEL), raw: JSON.stringify(r === undefined ? null : r)});
    }
    if (Array.isArray(d.visited)) d.visited.slice(0, LIMITS.visited).forEach(l => { if (isId(l)) state.visited[l] = true; });
    more(d, state);
    Object.keys(MORE).forEach(k => { if (own(d, k) && !MORE[k](d[k])) kept.push({why: 'unreadable', id: k, raw: JSON.stringify(d[k])}); });
    return {state: state, kept: kept, newer: false};
  }

  /**
   * The set-aside list stored under ":kept", read; text that is not one comes back as one
   * entry holding that text.
   * @param {string | null} raw
   * @returns {Kept[]}
   */
  function readKept(raw) {
    if (raw === null) return [];
    let k = null;
    try { k = JSON.parse(raw); } catch (e) { /* kept below as text */ }
    return Array.isArray(k) && k.every(isKept) ? k.map(clean) : [{why: 'unreadable', raw: String(raw)}];
  }

  /**
   * Add entries to a set-aside list, each once.
   * @param {Kept[]} list @param {Kept[]} entries
   */
  function addKept(list, entries) {
    const seen = list.map(k => k.why + '\u0000' + k.id + '\u0000' + k.raw);
    entries.forEach(k => {
      const key = k.why + '\u0000' + k.id + '\u0000' + k.raw;
      if (seen.indexOf(key) < 0) { list.push(k); seen.push(key); }
    });
    return list;
  }

  /**
   * Attempts of one self-check merged from two lists, each once (by time and record), in time
   * order, at most LIMITS.attempts: the oldest go first, as when a new attempt is taken.
   * @param {Attempt[]} mine @param {Attempt[]} theirs
   * @returns {Attempt[]}
   */
  function mergeAttempts(mine, theirs) {
    const out = mine.slice();
    theirs.forEach(x => { if (!out.some(y => y.at === x.at && y.k === x.k)) out.push(x); });
    out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    return out.slice(-LIMITS.attempts);
  }

  /**
   * Records from `from` that `into` lacks, brought in (answers, visited lessons, attempts,
   * schedule): what an older runtime set aside, or another tab's store, joined without
   * replacing anything `into` holds. Returns how many answers were added.
   * @param {State} into @param {State} from
   */
  function fillFrom(into, from) {
    let n = 0;
    Object.keys(from.answers).forEach(id => { if (!own(into.answers, id)) { into.answers[id] = from.answers[id]; n++; } });
    Object.keys(from.visited).forEach(l => { into.visited[l] = true; });
    Object.keys(from.sched).forEach(id => { if (!own(into.sched, id)) into.sched[id] = from.sched[id]; });
    Object.keys(from.attempts).forEach(id => {
      into.attempts[id] = mergeAttempts(own(into.attempts, id) ? into.attempts[id] : [], from.attempts[id]);
    });
    return n;
  }

  /**
   * Whether a state is within every limit the store enforces on reading it back.
   * @param {State} S @param {Kept[]} kept
   */
  function withinLimits(S, kept) {
    return Object.keys(S.answers).length <= LIMITS.answers && Object.keys(S.visited).length <= LIMITS.visited &&
      MORE.attempts(S.attempts) && MORE.sched(S.sched) && kept.length <= LIMITS.kept;
  }

  /**
   * Set-aside entries this runtime can read now, as a state to fill from: whole stores set
   * aside for their version (by an older runtime, or by this one before an upgrade) and
   * single records that now pass their checks. only: which reasons to take.
   * @param {Kept[]} kept @param {{version: number}} cfg @param {string[]} only
   * @returns {{state: State, used: Kept[]}}
   */
  function restorable(kept, cfg, only) {
    const state = blank(), used = /** @type {Kept[]} */ ([]);
    kept.forEach(k => {
      if (only.indexOf(k.why) < 0) return;
      if (k.id === undefined) {
        const got = readStored(k.raw, cfg);
        if (got.newer || got.kept.some(x => x.id === undefined)) return;  // not a store this runtime reads
        fillFrom(state, got.state);
        used.push(k);
      } else if (isId(k.id) && !own(state.answers, k.id)) {
        let r;
        try { r = clean(JSON.parse(k.raw)); } catch (e) { return; }
        if (badRecord(r)) return;
        state.answers[k.id] = r;
        used.push(k);
      }
    });
    return {state: state, used: used};
  }

  /** @param {Config} cfg @param {State} S */
  const pack = (cfg, S) => ({v: cfg.version, course: cfg.course, answers: S.answers, visited: Object.keys(S.visited), attempts: S.attempts, sched: S.sched});

  const pure = {
    scoreSelfCheck: scoreSelfCheck, gradeChoice: gradeChoice, gradeOrder: gradeOrder, readStored: readStored,
    readKept: readKept, addKept: addKept, shuffleWith: shuffleWith, hashText: hashText, fmt: fmt, pluralForm: pluralForm, upgrade: upgrade,
    reschedule: reschedule, today: today, resultText: resultText, safeHref: safeHref, safeExit: safeExit,
    isId: isId, own: own, isObj: isObj, isStr: isStr, ids: ids, dict: dict, clean: clean, blank: blank,
    badRecord: badRecord, isKept: isKept, more: more, MORE: MORE, LIMITS: LIMITS, clampRecord: clampRecord,
    mergeAttempts: mergeAttempts, fillFrom: fillFrom, withinLimits: withinLimits, restorable: restorable,
    versionOf: versionOf, pack: pack, keyBase: keyBase,
  };
  root.CourseRuntime = Object.assign(root.CourseRuntime || {}, pure);
  if (typeof module === 'object' && module && module.exports) module.exports = root.CourseRuntime;
  if (typeof document === 'undefined') return;
  // ------------------------------------------------------------------ the store

  /** @typedef {{el: HTMLElement, sync: () => void, view?: boolean}} Part */
  /** @typedef {{cfg: Config, str: {[key: string]: string}, lesson: string}} Ctx */
  /** @typedef {(S: State, kept: Kept[]) => (boolean | void)} Change */

  /** The storage key's prefix for this page. */
  const storageBase = () => keyBase(store.cfg.storageKey, root.location.href, store.cfg.home);

  /** The one shared state: the learner's answers, what is set aside, and whether (and how)
      they are kept. Components read answers through it and change them only with commit(). */
  const store = {
    cfg: /** @type {Config} */ ({}), S: blank(), kept: /** @type {Kept[]} */ ([]),
    remember: false, broken: false, newer: false, note: '', started: false, base: '',
    /** @type {Part[]} Mounted components; views (summary, progress) follow every change. */
    parts: [],
    /** @type {[HTMLElement, HTMLElement[], HTMLElement[]][]} Shuffled option lists: [box, authored rows, shown rows]; print shows the authored order. */
    shuffled: [],
    /** @type {[HTMLDetailsElement, boolean, boolean][]} Answer keys opened for printing, to fold back after: [details, open, hidden]. */
    opened: [],
    /** @type {((el: HTMLElement, S: State) => void) | null} journey.js: a checked self-check becomes an attempt. */
    onAnswer: null,
    ls: () => root.localStorage,  // the getter itself may throw (storage disabled)
    /** @param {string} k */
    key: k => store.base + ':' + k,
    /** @param {string} id @returns {AnswerRecord} */
    get: id => (own(store.S.answers, id) ? store.S.answers[id] : {}),
    pack: () => pack(store.cfg, store.S),
    /** Whether writes reach storage. */
    live: () => store.remember && !store.broken && !store.newer,

    /** What storage holds now, as text (null when absent); throws when storage fails. */
    raw() {
      const ls = store.ls();
      return {data: ls.getItem(store.key('data')), kept: ls.getItem(store.key('kept')), adopted: false};
    },

    /** Start from what is stored: this page's answers, a newer store left alone, what an
        older runtime set aside brought back. */
    load() {
      store.base = storageBase();
      let raw;
      try {
        raw = store.raw();
        if (raw.data === null && store.base !== store.cfg.storageKey) raw = store.adopt();
      } catch (e) { store.broken = true; store.note = txt().storage_failed; return; }
      const got = raw.data === null ? null : readStored(raw.data, store.cfg);
      if (got && got.newer) { store.readOnly(); return; }
      store.kept = readKept(raw.kept);
      if (!got) return;
      store.S = got.state;
      store.remember = true;  // only a learner who opted in has a stored record
      const back = restorable(store.kept, store.cfg, ['version']);
      if (got.kept.length) store.note = txt().storage_corrupt;
      let v = null;
      try { v = versionOf(JSON.parse(String(raw.data))); } catch (e) { /* unreadable: set aside below */ }
      if (got.kept.length || back.used.length || raw.adopted || (v !== null && v < store.cfg.version)) {
        // Set aside what failed (written before the data it came from), bring back what an
        // older runtime set aside, write an older format as this one, and write the folder's
        // own copy of an adopted store.
        addKept(store.kept, got.kept);
        store.commit((S, kept) => {
          const now = restorable(kept, store.cfg, ['version']);
          fillFrom(S, now.state);
          dropKept(kept, now.used);
        }, true);
      }
    },

    /** From file://, a store the offline edition wrote under the course's key alone (before
        keys named the folder) is copied, never moved: another folder's edition may use it. */
    adopt() {
      const ls = store.ls(), pre = store.cfg.storageKey + ':';
      const data = ls.getItem(pre + 'data');
      return {data: data, kept: data === null ? null : ls.getItem(pre + 'kept'), adopted: data !== null};
    },

    /** A store written by a newer version of the course: never read, overwritten or set
        aside here; this page works in memory only. */
    readOnly() {
      store.newer = true;
      store.setRemember(false);
      store.note = txt().storage_newer;
      note(store.note);
    },

    /**
     * The only writer of stored data. change(S, kept) edits the answers and the set-aside
     * list (returning false to give up); when remembering it edits what storage holds at this
     * moment (another tab may have written since this page read it), then writes that back.
     * @param {Change} change @param {boolean} [fresh] storage was read just now
     */
    commit(change, fresh) {
      if (store.live() && !fresh) {
        let raw;
        try { raw = store.raw(); } catch (e) { raw = null; }
        if (raw && raw.data === null) store.forget();  // deleted in another tab
        else if (raw && raw.data !== null) {
          const got = readStored(raw.data, store.cfg);
          if (got.newer) store.readOnly();
          else {
            store.S = got.state;
            store.kept = addKept(readKept(raw.kept), got.kept);
          }
        }
      }
      if (change(store.S, store.kept) === false) return false;
      store.write();
      return true;
    },

    /** Write the data (and anything set aside) when remembering. A failure (storage full)
        stops remembering for this page but deletes nothing already stored. */
    write() {
      if (!store.live()) return;
      try {
        const ls = store.ls();
        if (store.kept.length) ls.setItem(store.key('kept'), JSON.stringify(store.kept));
        else ls.removeItem(store.key('kept'));
        ls.setItem(store.key('data'), JSON.stringify(store.pack()));
      } catch (e) {
        store.setRemember(false);
        store.note = txt().storage_failed;
        note(store.note);
        store.changed();
      }
    },

    /** Another tab wrote or deleted: show what storage holds now. */
    reload() {
      if (store.broken || store.newer) return;
      let raw;
      try { raw = store.raw(); } catch (e) { return; }
      if (raw.data === null) {
        if (!store.remember) return;
        store.forget();
        note(txt().deleted);
      } else {
        const got = readStored(raw.data, store.cfg);
        if (got.newer) store.readOnly();
        else if (!store.remember) return store.optIn();  // turned on in another tab
        else { store.S = got.state; store.kept = addKept(readKept(raw.kept), got.kept); }
      }
      store.redraw();
    },

    /** Turn remembering on: what this page holds joins what another tab may have stored. */
    optIn() {
      store.setRemember(true);
      let raw;
      try { raw = store.raw(); } catch (e) { raw = null; }
      if (raw && raw.data !== null) {
        const got = readStored(raw.data, store.cfg);
        if (got.newer) { store.readOnly(); return; }
        fillFrom(store.S, got.state);  // this page's answers win where both have one
        store.kept = addKept(addKept(readKept(raw.kept), got.kept), store.kept);
      }
      store.commit(() => true, true);
      store.redraw();
    },

    /** Stop remembering and forget what this page holds (deleted here or in another tab). */
    forget() {
      store.S = blank();
      store.kept = [];
      store.setRemember(false);
    },

    /** Remove every key this course stored here (any version); only on the learner's request. */
    wipe() {
      try {
        const ls = store.ls(), pres = [store.base + ':', store.cfg.storageKey + ':'];
        for (let i = ls.length - 1; i >= 0; i--) {
          const k = ls.key(i);
          if (k && (k === store.cfg.storageKey || pres.some(p => k.indexOf(p) === 0))) ls.removeItem(k);
        }
      } catch (e) { /* nothing stored that we could remove */ }
    },

    /** @param {boolean} on */
    setRemember(on) {
      store.remember = on;
      qsa(document, '[data-ci-remember]').filter(trusted).forEach(b => { /** @type {HTMLInputElement} */ (b).checked = on; });
    },

    /**
     * Update one question's record; it is keyed by id and carries the content hash.
     * @param {HTMLElement} el @param {string} label @param {AnswerRecord} patch
     */
    put(el, label, patch) {
      const id = attr(el, 'data-ci-id'), h = attr(el, 'data-ci-hash');
      const next = (/** @type {State} */ S) => clampRecord(Object.assign(dict(), own(S.answers, id) ? S.answers[id] : {}, patch, {h: h, p: label}));
      if (own(store.S.answers, id) && JSON.stringify(next(store.S)) === JSON.stringify(store.S.answers[id])) return;  // unchanged: no write (no echo between tabs)
      store.commit(S => { S.answers[id] = next(S); });
    },

    /** @param {string} id */
    drop(id) {
      store.commit(S => { delete S.answers[id]; });
    },

    /**
     * An answer to an earlier version of a question: set aside, no longer shown.
     * @param {string} id @param {string | null} hash the question's hash now (null: gone)
     */
    retire(id, hash) {
      store.commit((S, kept) => {
        if (!own(S.answers, id) || S.answers[id].h === hash) return false;
        addKept(kept, [{why: 'changed', id: id, raw: JSON.stringify(S.answers[id])}]);
        delete S.answers[id];
      });
    },

    /** Where the page carries the course's question index (the home page), retire answers to
        questions that changed or no longer exist; other pages check their own questions as they mount. */
    prune() {
      const known = store.cfg.questions;
      if (!isObj(known)) return;
      const stale = (/** @type {State} */ S) => Object.keys(S.answers).filter(id => !own(known, id) || known[id] !== S.answers[id].h);
      if (!stale(store.S).length) return;
      store.commit((S, kept) => {
        stale(S).forEach(id => {
          addKept(kept, [{why: 'changed', id: id, raw: JSON.stringify(S.answers[id])}]);
          delete S.answers[id];
        });
      });
    },

    /** @param {string} lesson */
    visit(lesson) {
      if (!own(store.S.visited, lesson)) store.commit(S => { S.visited[lesson] = true; });
    },

    changed: () => store.parts.forEach(p => { if (p.view) guard(p.el, p.sync); }),
    redraw: () => store.parts.forEach(p => guard(p.el, p.sync)),
  };
  const txt = () => store.cfg.strings || {};

  /**
   * Remove entries from a set-aside list in place.
   * @param {Kept[]} kept @param {Kept[]} used
   */
  function dropKept(kept, used) {
    const rest = kept.filter(k => used.indexOf(k) < 0);
    kept.splice(0, kept.length, ...rest);
  }

  /**
   * Run one component's code; if it throws, say so in its own element and carry on.
   * @param {HTMLElement} el @param {() => void} fn
   */
  function guard(el, fn) {
    try { fn(); } catch (e) {
      if (el.querySelector(':scope > .ci-broken')) return;
      el.hidden = false;  // the storage panel and the summary start hidden
      el.append(h('p', 'ci-error ci-broken', txt().component_failed));
    }
  }

  /** @param {string} name @param {object} detail */
  function emit(name, detail) { document.dispatchEvent(new CustomEvent(name, {detail: detail})); }

  /**
   * A question was checked: views follow, and listeners hear of it. g is null for a self-check.
   * @param {HTMLElement} el @param {Ctx} ctx @param {string} kind @param {{pts: number, tot: number} | null} g
   */
  function answered(el, ctx, kind, g) {
    const id = attr(el, 'data-ci-id');
    store.commit(S => {
      if (g) S.sched[id] = reschedule(own(S.sched, id) ? S.sched[id] : undefined, g.pts === g.tot, today());
      if (store.onAnswer) store.onAnswer(el, S);  // journey.js keeps self-check attempts
    });
    store.changed();
    emit('ci:answer', {question: id, lesson: ctx.lesson, kind: kind, correct: g ? g.pts === g.tot : null, score: g ? g.pts / g.tot : null});
  }

  // ------------------------------------------------------------------ DOM helpers

  /**
   * @param {string} tag @param {string} [cls] @param {string} [text]
   * @returns {HTMLElement}
   */
  function h(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /**
   * @param {string} label @param {string} [cls]
   * @returns {HTMLButtonElement}
   */
  function btn(label, cls) {
    const b = /** @type {HTMLButtonElement} */ (h('button', 'ci-btn' + (cls ? ' ' + cls : ''), label));
    b.type = 'button';
    return b;
  }
  /**
   * @param {ParentNode} el @param {string} sel
   * @returns {HTMLElement[]}
   */
  const qsa = (el, sel) => /** @type {HTMLElement[]} */ (Array.prototype.slice.call(el.querySelectorAll(sel)));
  /** @param {ParentNode} el @param {string} sel @returns {HTMLInputElement[]} */
  const inputsOf = (el, sel) => /** @type {HTMLInputElement[]} */ (qsa(el, sel));
  /** @param {ParentNode} el @param {string} sel @returns {HTMLElement} */
  const one = (el, sel) => {
    const e = el.querySelector(sel);
    if (!e) throw new Error('missing ' + sel);
    return /** @type {HTMLElement} */ (e);
  };
  /** @param {Element} el @param {string} name */
  const attr = (el, name) => el.getAttribute(name) || '';
  /** @param {Element | null} el */
  const words = el => (el && el.textContent ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const lang = () => document.documentElement.lang || 'en';
  /** @param {number} x */
  const num = x => x.toLocaleString(lang(), {maximumFractionDigits: 2});

  /** Hook rule 1: markup inside a body region is course text, never one of our hooks. @param {Element} el */
  const trusted = el => !el.closest('[data-ci-body]');
  const COMPONENT = '[data-ci-question],[data-ci-selfcheck],[data-ci-reflection]';
  /** @param {string} sel */
  const hooks = sel => qsa(document, sel).filter(trusted);
  /** Hook rule 2: the page's components, each not nested in another, the first per record id. */
  function components() {
    const first = dict();
    hooks(COMPONENT).forEach(el => {
      const outer = el.parentElement && el.parentElement.closest(COMPONENT), id = attr(el, 'data-ci-id');
      if (!outer && isId(id) && !own(first, id)) first[id] = el;
    });
    return /** @type {{[id: string]: HTMLElement}} */ (first);
  }
  /** A link from the page, checked (hook rule 3). @param {string | null | undefined} href */
  const link = href => safeHref(href, root.location.href);

  /** @param {string} text */
  function note(text) {
    hooks('[data-ci-storage-status]').forEach(p => { p.textContent = text; });
  }

  /**
   * @typedef {object} Controls
   * @property {HTMLButtonElement} check
   * @property {HTMLButtonElement} retry
   * @property {HTMLButtonElement} reveal
   * @property {HTMLElement} fb
   * @property {string} label
   * @property {() => HTMLElement} first
   * @property {() => void} sync
   */
  /**
   * Buttons and the feedback live region shared by choice and ordering questions.
   * @param {HTMLElement} el @param {HTMLDetailsElement} det @param {{[key: string]: string}} t
   * @returns {Controls}
   */
  function controls(el, det, t) {
    const bar = h('div', 'ci-actions'), fb = h('div', 'ci-feedback');
    /** @type {Controls} */
    const ui = {check: btn(t.check), retry: btn(t.try_again), reveal: btn(t.reveal), fb: fb, label: '', first: () => fb, sync: () => undefined};
    fb.tabIndex = -1;
    fb.setAttribute('role', 'status');
    fb.setAttribute('aria-live', 'polite');
    bar.append(ui.check, ui.retry, ui.reveal);
    one(el, 'fieldset').after(fb, bar);  // after checking, Tab leads from the feedback to Try again
    ui.reveal.addEventListener('click', () => {
      store.put(el, ui.label, {rev: true});
      ui.sync();
      one(det, 'summary').focus();
    });
    ui.retry.addEventListener('click', () => {
      store.put(el, ui.label, {live: false});
      ui.sync();
      store.changed();
      ui.first().focus();
    });
    return ui;
  }

  /**
   * Show or hide buttons and the answer key for a question's record.
   * @param {Controls} ui @param {HTMLDetailsElement} det @param {AnswerRecord} r @param {{[key: string]: string}} t
   */
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
      consent, or would reorder the options under the learner the moment they opt in.)
      @param {HTMLElement} el */
  function shuffleOptions(el) {
    if (el.dataset.ciShuffle === 'false') return;
    const box = one(el, '.ci-options'), rows = qsa(box, '.ci-option');
    const mixed = shuffleWith(rows, hashText(attr(el, 'data-ci-id') + ':' + attr(el, 'data-ci-hash')), r => r.hasAttribute('data-ci-fixed'));
    mixed.forEach(r => box.append(r));
    store.shuffled.push([box, rows, mixed]);
  }

  /** @param {HTMLElement} el @param {Ctx} ctx */
  function mountChoice(el, ctx) {
    const t = ctx.str, kind = attr(el, 'data-ci-question'), multi = kind === 'multiple_choice', id = attr(el, 'data-ci-id');
    shuffleOptions(el);
    const inputs = inputsOf(el, 'fieldset input'), det = /** @type {HTMLDetailsElement} */ (one(el, 'details.ci-answer'));
    const opts = qsa(det, '[data-ci-option]');
    const correct = opts.filter(li => li.dataset.ciCorrect === 'true').map(li => attr(li, 'data-ci-option'));
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
      const r = store.get(id), sel = r.sel || [];
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

  /**
   * Up and down buttons for one item of an ordering question, named after the item.
   * @param {HTMLElement} li @param {{[key: string]: string}} t @param {(li: HTMLElement, dir: number, b: HTMLButtonElement) => void} move
   * @returns {[HTMLButtonElement, HTMLButtonElement]}
   */
  function moveButtons(li, t, move) {
    const name = words(li.querySelector('.ci-order-text')), bar = h('span', 'ci-move-bar');
    const up = btn(t.move_up, 'ci-move'), down = btn(t.move_down, 'ci-move');
    up.setAttribute('aria-label', t.move_up + ': ' + name);
    down.setAttribute('aria-label', t.move_down + ': ' + name);
    up.addEventListener('click', () => move(li, -1, up));
    down.addEventListener('click', () => move(li, 1, down));
    bar.append(up, down);
    li.append(bar);
    return [up, down];
  }

  /** @param {HTMLElement} el @param {Ctx} ctx */
  function mountOrdering(el, ctx) {
    const t = ctx.str, id = attr(el, 'data-ci-id'), list = one(el, 'ol.ci-order');
    const det = /** @type {HTMLDetailsElement} */ (one(el, 'details.ci-answer'));
    const key = qsa(det, '.ci-key-order [data-ci-item]').map(li => attr(li, 'data-ci-item'));
    const lis = qsa(list, 'li[data-ci-item]'), start = lis.map(li => attr(li, 'data-ci-item'));
    const ui = controls(el, det, t), said = h('p', 'ci-visually-hidden');
    const order = () => qsa(list, 'li[data-ci-item]').map(li => attr(li, 'data-ci-item'));
    said.setAttribute('aria-live', 'polite');
    one(el, 'fieldset').append(said);
    ui.label = words(el.querySelector('.ci-prompt'));
    function enable() {
      const live = !!store.get(id).live;
      lis.forEach((li, i) => {
        btns[i][0].disabled = live || !li.previousElementSibling;
        btns[i][1].disabled = live || !li.nextElementSibling;
      });
    }
    /** @param {HTMLElement} li @param {number} dir @param {HTMLButtonElement} b */
    function move(li, dir, b) {
      const sib = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!sib) return;
      list.insertBefore(li, dir < 0 ? sib : sib.nextElementSibling);
      const now = order(), [up, down] = btns[lis.indexOf(li)];
      store.put(el, ui.label, {order: now});
      enable();
      (b.disabled ? (b === up ? down : up) : b).focus();
      said.textContent = fmt(t.moved, {item: words(li.querySelector('.ci-order-text')), position: now.indexOf(attr(li, 'data-ci-item')) + 1, total: now.length});
    }
    const btns = lis.map(li => moveButtons(li, t, move));
    ui.first = () => btns[lis.indexOf(/** @type {HTMLElement} */ (list.firstElementChild))][1];
    ui.check.addEventListener('click', () => {
      const now = order(), g = gradeOrder(key, now);
      store.put(el, ui.label, {order: now, done: true, live: true, pts: g.pts, tot: g.tot});
      ui.sync();
      answered(el, ctx, 'ordering', g);
      ui.fb.focus();
    });
    ui.sync = () => {
      const o = store.get(id).order;
      const ok = o && o.length === start.length && start.every(x => o.indexOf(x) >= 0);
      (ok && o ? o : start).forEach(x => list.append(lis[start.indexOf(x)]));
      ui.fb.textContent = '';
      enable();
      showState(ui, det, store.get(id), t);
    };
    return ui.sync;
  }

  /**
   * A self-check's scoring data, from the build's JSON in the component.
   * @param {HTMLElement} el
   * @returns {SelfCheckData}
   */
  const selfCheckData = el => JSON.parse(attr(one(el, '[data-ci-json]'), 'data-ci-json'));

  /**
   * The self-check's answers as the form holds them: item id -> value or 'na'.
   * @param {{id: string, inputs: HTMLInputElement[]}[]} groups
   * @returns {Answers}
   */
  function formAnswers(groups) {
    /** @type {Answers} */
    const a = dict();
    groups.forEach(g => {
      const c = g.inputs.filter(i => i.checked)[0];
      if (c) a[g.id] = c.value === 'na' ? 'na' : Number(c.value);
    });
    return a;
  }

  /** @param {HTMLElement} el @param {Ctx} ctx */
  function mountSelfCheck(el, ctx) {
    const t = ctx.str, id = attr(el, 'data-ci-id'), data = selfCheckData(el), label = el.dataset.ciTitle || id;
    const groups = data.items.map(it => ({id: it.id, inputs: inputsOf(el, 'input[name="q-' + data.id + '-' + it.id + '"]')}));
    const bar = h('div', 'ci-actions'), go = btn(t.self_check_score), clear = btn(t.self_check_reset);
    const msg = h('p', 'ci-error'), out = h('div', 'ci-results');
    msg.setAttribute('role', 'status');
    out.tabIndex = -1;
    bar.append(go, clear);
    one(el, '.ci-items').after(bar, msg, out);
    const results = () => {
      const lines = showResults(el, data, out, t);
      store.put(el, label, {res: lines});  // clampRecord keeps long lines within what loads back
    };
    groups.forEach(g => g.inputs.forEach(i => i.addEventListener('change', () => {
      store.put(el, label, {a: formAnswers(groups)});
      if (store.get(id).done) results();
    })));
    go.addEventListener('click', () => {
      const a = formAnswers(groups);
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
    function sync() {
      const r = store.get(id), a = r.a || {};
      groups.forEach(g => g.inputs.forEach(i => { i.checked = own(a, g.id) && String(a[g.id]) === i.value; }));
      if (r.done) results(); else { out.hidden = true; out.textContent = ''; }
    }
    return sync;
  }

  /** @typedef {[string, string, Group | null]} Row  [group id, title, its score] */

  /**
   * Draw a scored self-check's results into out: a box per group, the table, the chart and
   * a print button. Returns the result lines (kept with the record, for the download).
   * @param {HTMLElement} el @param {SelfCheckData} data @param {HTMLElement} out @param {{[key: string]: string}} t
   * @returns {string[]}
   */
  function showResults(el, data, out, t) {
    const id = attr(el, 'data-ci-id'), sc = scoreSelfCheck(data, store.get(id).a || {}), lines = /** @type {string[]} */ ([]);
    /** @type {Row[]} */
    const rows = data.subscales.map(s => /** @type {Row} */ ([s.id, s.title, sc.subscales[s.id]]));
    if (data.overall) rows.push(['overall', data.overall.title, sc.overall]);
    out.textContent = '';
    out.append(h('h3', 'ci-results-title', t.self_check_results));
    const notice = el.querySelector('.ci-notice');
    if (notice) out.append(notice.cloneNode(true));
    if (sc.identical) out.append(h('p', 'ci-identical', t.all_identical));
    const table = resultsTable(t, data);
    rows.forEach(([sid, title, g]) => {
      const band = g && g.band ? data.bands.filter(b => b.id === g.band)[0] : null;
      const mean = band && g ? num(g.sum / g.answered) : '—';
      const line = band && g ? fmt(t.result_line, {band: band.label, mean: mean, answered: g.answered, n: g.total})
        : sid === 'overall' ? t.overall_not_enough : fmt(t.not_enough, {needed: (g ? g.total : 0) - data.maxMissing, n: g ? g.total : 0});
      out.append(resultBox(el, sid, title, band, line));
      lines.push(title + ': ' + line);
      const tr = table.tBodies[0].insertRow(), th = /** @type {HTMLTableCellElement} */ (h('th', '', title));
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
    return lines;
  }

  /**
   * The results table's head row, with an empty body for the groups.
   * @param {{[key: string]: string}} t @param {SelfCheckData} data
   */
  function resultsTable(t, data) {
    const table = /** @type {HTMLTableElement} */ (h('table')), head = table.createTHead().insertRow();
    table.createTBody();
    [t.subscale, fmt(t.mean, {lo: data.lo, hi: data.hi}), t.band].forEach(x => {
      const th = /** @type {HTMLTableCellElement} */ (h('th', '', x));
      th.scope = 'col';
      head.append(th);
    });
    return table;
  }

  /**
   * One group's result: its title, the line, and the build's text for its band.
   * @param {HTMLElement} el @param {string} sid @param {string} title @param {Band | null} band @param {string} line
   */
  function resultBox(el, sid, title, band, line) {
    const box = h('div', 'ci-result');
    box.append(h('h4', '', title), h('p', band ? 'ci-result-line' : 'ci-result-line ci-not-enough', line));
    const text = band && qsa(el, '.ci-band-texts').filter(d => d.dataset.ciSubscale === sid)
      .map(d => qsa(d, '.ci-band-text').filter(b => b.dataset.ciBand === band.id)[0]).filter(Boolean)[0];
    if (text) {
      const c = /** @type {HTMLElement} */ (text.cloneNode(true));  // trusted build output, cloned
      if (c.firstElementChild) c.firstElementChild.remove();  // its label is in the line above
      box.append(c);
    }
    return box;
  }

  /**
   * A small bar chart of the averages; the table above is its text equivalent.
   * @param {Row[]} rows @param {number} lo @param {number} hi
   */
  function chart(rows, lo, hi) {
    const NS = 'http://www.w3.org/2000/svg', W = 400, R = 34;
    const svg = document.createElementNS(NS, 'svg');
    /** @param {string} tag @param {{[name: string]: string | number}} attrs @param {string} [text] */
    const el = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(k => e.setAttribute(k, String(attrs[k])));
      if (text !== undefined) e.textContent = text;
      svg.append(e);
    };
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + rows.length * R);
    svg.setAttribute('class', 'ci-chart');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    rows.forEach(([, title, g], i) => {
      const y = i * R, mean = g && g.band ? g.sum / g.answered : null;
      el('text', {x: 0, y: y + 12}, title + (mean === null ? ': —' : ': ' + num(mean)));
      el('rect', {x: 0, y: y + 16, width: W, height: 12, rx: 2, class: 'ci-track'});
      if (mean !== null) el('rect', {x: 0, y: y + 16, width: Math.max(2, W * (mean - lo) / (hi - lo || 1)), height: 12, rx: 2, class: 'ci-bar'});
    });
    return svg;
  }

  /** @param {HTMLElement} el */
  function mountReflection(el) {
    const ta = /** @type {HTMLTextAreaElement} */ (one(el, 'textarea')), label = words(el.querySelector('label')), id = attr(el, 'data-ci-id');
    ta.maxLength = MAX_TEXT;
    ta.addEventListener('input', () => store.put(el, label, {text: ta.value}));
    return () => {
      const text = store.get(id).text || '';
      if (ta.value !== text) ta.value = text;  // value, never markup
    };
  }

  /**
   * Run fn(CourseJourney) once journey.js (export, import, attempts, review, home) has loaded:
   * it is fetched only by pages that need it, and only once.
   * @param {(J: any) => void} fn
   */
  function need(fn) {
    const J = root.CourseJourney;
    if (J && J.download) return fn(J);
    let s = /** @type {HTMLScriptElement | null} */ (document.getElementById('ci-journey'));
    if (!s) {
      s = /** @type {HTMLScriptElement} */ (h('script'));
      s.id = 'ci-journey';
      s.src = new URL('assets/course/journey.js', new URL(store.cfg.home, root.location.href)).href;
      document.head.append(s);
    }
    s.addEventListener('load', () => fn(root.CourseJourney));
  }

  /** Bring back every set-aside record this runtime can read now; returns how many answers. */
  function restoreKept() {
    let n = 0;
    store.commit((S, kept) => {
      const back = restorable(kept, store.cfg, ['version', 'unreadable']);
      n = fillFrom(S, back.state);
      dropKept(kept, back.used);
    });
    store.redraw();
    return n;
  }

  /**
   * Download and import buttons (journey.js does the work).
   * @param {HTMLElement} el @param {Ctx} ctx @param {HTMLElement} offer
   */
  function fileControls(el, ctx, offer) {
    qsa(el, '[data-ci-export]').forEach(b => b.addEventListener('click', () => need(J => J.download(b.dataset.ciExport === 'json', ctx))));
    const file = /** @type {HTMLInputElement} */ (one(el, '[data-ci-import]'));
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      file.value = '';
      if (f) need(J => J.importFile(f, ctx, offer));
    });
  }

  /**
   * The privacy controls: remember, delete, restore what is set aside, export and import.
   * @param {HTMLElement} el @param {Ctx} ctx
   */
  function mountStorage(el, ctx) {
    const t = ctx.str, box = /** @type {HTMLInputElement} */ (one(el, '[data-ci-remember]'));
    // Offered after an import while remembering is off, so imported answers can outlive the page.
    const offer = btn(t.import_remember), restore = btn('');
    offer.hidden = true;
    restore.hidden = true;
    one(el, '[data-ci-storage-status]').after(offer, restore);
    el.hidden = false;
    box.checked = store.remember;
    box.disabled = store.broken || store.newer;
    box.addEventListener('change', () => {
      offer.hidden = true;
      if (box.checked) {
        store.optIn();
        if (store.remember) note(t.remember_on);
        else if (store.newer) note(store.note);
      } else {
        store.setRemember(false);
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
    restore.addEventListener('click', () => {
      note(fmt(t.kept_restored, {n: restoreKept()}));
      box.focus();
    });
    one(el, '[data-ci-delete]').addEventListener('click', () => {
      store.wipe();
      store.forget();
      offer.hidden = true;
      store.redraw();
      note(t.deleted);
    });
    fileControls(el, ctx, offer);
    return () => {
      const n = restorable(store.kept, store.cfg, ['version', 'unreadable']).used.length;
      restore.hidden = !n || store.newer;
      restore.textContent = fmt(t.kept_restore, {n: n});
      box.checked = store.remember;
      box.disabled = store.broken || store.newer;
    };
  }

  /**
   * "4 of 6 correct" plus links to the sections behind missed questions.
   * @param {HTMLElement} section @param {Ctx} ctx
   */
  function mountSummary(section, ctx) {
    const t = ctx.str, el = one(section, '[data-ci-summary-body]');
    section.hidden = false;
    return () => {
      const all = components(), qs = Object.keys(all).map(k => all[k]).filter(q => q.hasAttribute('data-ci-question'));
      const seen = dict(), links = /** @type {HTMLElement[]} */ ([]);
      let done = 0, right = 0;
      qs.forEach(q => {
        const r = store.get(attr(q, 'data-ci-id')), to = link(q.dataset.ciRevisit);
        if (!r.done || !r.tot) return;
        done++;
        if (r.pts === r.tot) right++;
        else if (to && !seen[to]) {
          seen[to] = true;
          const a = /** @type {HTMLAnchorElement} */ (h('a', '', q.dataset.ciRevisitTitle || to));
          a.href = to;
          links.push(a);
        }
      });
      const next = [h('p', '', done ? fmt(t.summary, {correct: right, n: qs.length}) : t.summary_none)];
      if (links.length) {
        const ul = h('ul');
        links.forEach(a => { const li = h('li'); li.append(a); ul.append(li); });
        next.push(h('p', '', t.summary_review), ul);
      }
      const probe = h('div');
      probe.append(...next);
      if (probe.textContent !== el.textContent) { el.textContent = ''; el.append(...next); }  // only announce changes
    };
  }

  // ------------------------------------------------------------------ start-up

  /** @typedef {[string, (el: HTMLElement, ctx: Ctx) => ((() => void) | void), boolean?, boolean?]} Mount
      [selector, mount, is a view that follows every change, one per page] */
  /** @type {Mount[]} */
  const MOUNTS = [
    ['[data-ci-storage]', mountStorage, true, true],
    ['[data-ci-question="single_choice"],[data-ci-question="multiple_choice"]', mountChoice],
    ['[data-ci-question="ordering"]', mountOrdering],
    ['[data-ci-selfcheck]', mountSelfCheck],
    ['[data-ci-reflection]', mountReflection],
    ['[data-ci-lesson-summary]', mountSummary, true, true],
  ];

  /** The build's JSON config, carried in a data attribute (never an inline script). @returns {Config | null} */
  function readConfig() {
    const el = hooks('[data-ci-config]')[0];
    try {
      const d = el && JSON.parse(attr(el, 'data-ci-config'));
      return isObj(d) && typeof d.storageKey === 'string' && d.storageKey && isObj(d.strings) ? /** @type {Config} */ (d) : null;
    } catch (e) { return null; }
  }

  /**
   * The elements one mount applies to (hook rules 1 and 2).
   * @param {Mount} m @param {{[id: string]: HTMLElement}} first
   */
  function targets(m, first) {
    const found = hooks(m[0]).filter(el => !el.hasAttribute('data-ci-id') || first[attr(el, 'data-ci-id')] === el);
    return m[3] ? found.slice(0, 1) : found;
  }

  /**
   * Mount one component once: retire an answer to an earlier version of its question, then
   * mount it in a guard.
   * @param {Mount} m @param {number} i @param {HTMLElement} el @param {Ctx} ctx
   */
  function mountOne(m, i, el, ctx) {
    if (el.dataset['ciMounted' + i]) return;
    el.dataset['ciMounted' + i] = '1';
    guard(el, () => {
      const id = attr(el, 'data-ci-id'), hash = attr(el, 'data-ci-hash');
      if (id && own(store.S.answers, id) && store.S.answers[id].h !== hash) store.retire(id, hash);  // the question changed
      const sync = m[1](el, ctx);
      if (sync) { store.parts.push({el: el, sync: sync, view: m[2]}); sync(); }
    });
  }

  Object.assign(root.CourseRuntime, {
    store: store, h: h, btn: btn, qsa: qsa, one: one, attr: attr, chart: chart, num: num, note: note, lang: lang,
    trusted: trusted, hooks: hooks, components: components, link: link, dropKept: dropKept, selfCheckData: selfCheckData,
    /** Add a component kind (journey.js): [selector, mount, is a view], mounted now and on every page. @param {Mount} m */
    use(m) { MOUNTS.push(m); init(); },
  });

  function init() {
    const c = readConfig();
    if (c) store.cfg = c;
    else if (!store.started) return;  // not a course page
    const lessonEl = hooks('[data-ci-lesson]')[0];
    /** @type {Ctx} */
    const ctx = {cfg: store.cfg, str: store.cfg.strings, lesson: lessonEl ? attr(lessonEl, 'data-ci-lesson') : root.location.pathname};
    if (!store.started) { store.started = true; store.load(); }
    store.prune();
    store.parts = store.parts.filter(p => p.el.isConnected);
    if (lessonEl && isId(ctx.lesson)) store.visit(ctx.lesson);
    const first = components();
    MOUNTS.forEach((m, i) => targets(m, first).forEach(el => mountOne(m, i, el, ctx)));
    if (hooks('[data-ci-home],[data-ci-review],[data-ci-selfcheck]').length) need(() => 0);
    if (store.note) note(store.note);
    if (!store.broken && !store.newer) store.note = '';
    store.changed();
    if (lessonEl && !lessonEl.dataset.ciPage) {  // init runs twice on a first load (DOMContentLoaded and document$)
      lessonEl.dataset.ciPage = '1';
      emit('ci:page', {lesson: ctx.lesson});
    }
  }

  // The quick-exit link leaves for the configured address (hook rule 3), with no way back.
  document.addEventListener('click', ev => {
    const t = /** @type {Element | null} */ (ev.target), a = t && t.closest ? t.closest('a[data-ci-quick-exit]') : null;
    if (!a) return;
    ev.preventDefault();
    const to = trusted(a) ? safeExit(store.cfg.quickExit) || safeExit(a.getAttribute('href')) : null;
    if (to) root.location.replace(to);
  });

  // Another tab changed what is stored: show it here too (no tab overwrites another's answers).
  root.addEventListener('storage', ev => {
    if (!store.started || !store.base) return;
    if (ev.key === null || ev.key === store.key('data') || ev.key === store.key('kept')) store.reload();
  });

  // Print every answer and explanation; "Print my results" prints just the results.
  root.addEventListener('beforeprint', () => {
    store.shuffled = store.shuffled.filter(([box]) => box.isConnected);
    store.shuffled.forEach(([box, rows]) => rows.forEach(r => box.append(r)));
    store.opened = /** @type {HTMLDetailsElement[]} */ (qsa(document, '.md-content details')).filter(d => !d.open || d.hidden).map(d => [d, d.open, d.hidden]);
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
})(/** @type {Window & typeof globalThis} */ (typeof window !== 'undefined' ? window : globalThis));
