// Unit tests for the pure parts of generator/assets/course.js (the stored format, the id rule,
// merging, links), under Node's own test runner: `node --test tests/js/`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../generator/assets/course.js');

const CFG = {version: 2};
const HASH = '0123456789ab';
const store = (answers, more) => JSON.stringify(Object.assign({v: 2, course: 'C', answers: answers, visited: []}, more));
const plain = v => JSON.parse(JSON.stringify(v));

test('the id rule refuses names every JavaScript object has', () => {
  for (const id of ['a', 'q1', 'x_y', '0', 'constructor-1']) assert.equal(R.isId(id), true, id);
  for (const id of ['constructor', 'prototype', '__proto__', 'toString', 'A', '', '-a', 'a'.repeat(81), 7, null]) {
    assert.equal(R.isId(id), false, String(id));
  }
});

test('maps have no prototype, so a stored id never reaches a built-in', () => {
  const m = R.dict();
  assert.equal(Object.getPrototypeOf(m), null);
  assert.equal(m.constructor, undefined);
  const S = R.blank();
  assert.equal(R.own(S.answers, 'constructor'), false);
  assert.equal(R.own(S.answers, 'toString'), false);
});

test('a store of the current version loads; a record failing its check is set aside', () => {
  const raw = store({q1: {h: HASH, sel: ['a'], done: true, live: true, pts: 1, tot: 1}, q2: {h: 'nothex', sel: ['a']}, constructor: {h: HASH}});
  const got = R.readStored(raw, CFG);
  assert.equal(got.newer, false);
  assert.deepEqual(Object.keys(got.state.answers), ['q1']);
  assert.deepEqual(got.kept.map(k => [k.why, k.id]), [['unreadable', 'q2'], ['unreadable', 'constructor']]);
  assert.deepEqual(JSON.parse(got.kept[0].raw), {h: 'nothex', sel: ['a']});
});

test('a __proto__ key in stored JSON is set aside, never merged into a prototype', () => {
  const raw = '{"v":2,"course":"C","answers":{"__proto__":{"h":"' + HASH + '","polluted":true}},"visited":[]}';
  const got = R.readStored(raw, CFG);
  assert.deepEqual(Object.keys(got.state.answers), []);
  assert.equal(got.kept[0].id, '__proto__');
  assert.equal(({}).polluted, undefined);
});

test('a store of a newer version is reported as newer and nothing is set aside', () => {
  const got = R.readStored(JSON.stringify({v: 3, answers: {q1: {h: HASH}}, future: 1}), CFG);
  assert.equal(got.newer, true);
  assert.deepEqual(got.kept, []);
  assert.deepEqual(plain(got.state.answers), {});
});

test('a version-1 store is upgraded: a scored self-check becomes a first attempt of unknown date', () => {
  const raw = JSON.stringify({v: 1, course: 'C', answers: {sc: {h: HASH, a: {i1: 2}, done: true}}, visited: ['l1']});
  const got = R.readStored(raw, CFG);
  assert.equal(got.state.answers.sc.at, '');
  assert.deepEqual(plain(got.state.attempts), {sc: [{at: '', k: 'sc', h: HASH, a: {i1: 2}}]});
  assert.deepEqual(Object.keys(got.state.visited), ['l1']);
});

test('unreadable text is set aside whole', () => {
  const got = R.readStored('{not json', CFG);
  assert.deepEqual(got.kept, [{why: 'unreadable', raw: '{not json'}]);
});

test('what an older runtime set aside for its version is restorable; a changed answer is not', () => {
  const mine = store({q1: {h: HASH, text: 'kept by v2'}}, {attempts: {}, sched: {q1: [2, 10]}});
  const kept = [
    {why: 'version', raw: mine},
    {why: 'changed', id: 'q2', raw: JSON.stringify({h: HASH, text: 'old question'})},
    {why: 'version', raw: JSON.stringify({v: 9, answers: {}})},
    {why: 'unreadable', id: 'q3', raw: JSON.stringify({h: HASH, text: 'readable now'})},
  ];
  const back = R.restorable(kept, CFG, ['version']);
  assert.deepEqual(back.used, [kept[0]]);
  assert.equal(back.state.answers.q1.text, 'kept by v2');
  const all = R.restorable(kept, CFG, ['version', 'unreadable']);
  assert.deepEqual(all.used, [kept[0], kept[3]]);
});

test('filling from another state never replaces a record already there', () => {
  const into = R.blank(), from = R.blank();
  into.answers.q1 = {h: HASH, text: 'mine'};
  from.answers.q1 = {h: HASH, text: 'theirs'};
  from.answers.q2 = {h: HASH, text: 'only theirs'};
  from.visited.l1 = true;
  assert.equal(R.fillFrom(into, from), 1);
  assert.equal(into.answers.q1.text, 'mine');
  assert.equal(into.answers.q2.text, 'only theirs');
  assert.equal(into.visited.l1, true);
});

test('merged attempts stay within the limit, newest kept, each once', () => {
  const at = n => ({at: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(), k: 'sc', h: HASH, a: {i1: 1}});
  const mine = Array.from({length: 45}, (_, i) => at(i)), theirs = Array.from({length: 10}, (_, i) => at(40 + i));
  const out = R.mergeAttempts(mine, theirs);
  assert.equal(out.length, R.LIMITS.attempts);
  assert.equal(out[out.length - 1].at, at(49).at);
  assert.equal(out[0].at, at(0).at);
  assert.equal(new Set(out.map(x => x.at)).size, out.length);
});

test('limits: a state past any of them is refused', () => {
  const S = R.blank();
  assert.equal(R.withinLimits(S, []), true);
  S.attempts.sc = Array.from({length: 51}, (_, i) => ({at: String(i), k: 'sc', h: HASH, a: {}}));
  assert.equal(R.withinLimits(S, []), false);
  assert.equal(R.withinLimits(R.blank(), Array.from({length: 1001}, () => ({why: 'x', raw: ''}))), false);
});

test('a record is cut to what loads back', () => {
  const r = R.clampRecord({h: HASH, p: 'x'.repeat(600), res: ['y'.repeat(600)]});
  assert.equal(r.p.length, R.LIMITS.label);
  assert.equal(r.res[0].length, R.LIMITS.label);
  assert.equal(R.badRecord(r), false);
});

test('set-aside lists: read from text, joined each once', () => {
  assert.deepEqual(R.readKept(null), []);
  assert.deepEqual(R.readKept('nope'), [{why: 'unreadable', raw: 'nope'}]);
  const a = {why: 'changed', id: 'q1', raw: '{}'};
  assert.deepEqual(plain(R.addKept([a], [Object.assign({}, a), {why: 'changed', id: 'q2', raw: '{}'}])).length, 2);
});

test('links from the page: same origin only, never a script or data URL', () => {
  const base = 'http://127.0.0.1:8000/course/lesson/';
  assert.equal(R.safeHref('../other/#intro', base), '../other/#intro');
  assert.equal(R.safeHref('#colours', base), '#colours');
  assert.equal(R.safeHref('http://127.0.0.1:8000/course/', base), 'http://127.0.0.1:8000/course/');
  for (const bad of ['javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', '\u0001javascript:x', 'data:text/html,<b>',
    '//elsewhere.example/', '/\\elsewhere.example/', '\\\\elsewhere', 'https://elsewhere.example/', 'http://u:p@127.0.0.1:8000/',
    'blob:http://127.0.0.1:8000/x', '', null, 42]) {
    assert.equal(R.safeHref(bad, base), null, JSON.stringify(bad));
  }
  assert.equal(R.safeHref('../b/index.html', 'file:///home/u/course/a/index.html'), '../b/index.html');
  assert.equal(R.safeHref('http://x/', 'file:///home/u/course/a/index.html'), null);
});

test('the quick-exit address must be https', () => {
  assert.equal(R.safeExit('https://www.bbc.com/weather'), 'https://www.bbc.com/weather');
  for (const bad of ['http://x/', 'javascript:1', 'https://u:p@x/', '', undefined]) assert.equal(R.safeExit(bad), null);
});

test('the storage key names the folder only from file://', () => {
  assert.equal(R.keyBase('ci:c', 'https://h/c/l/', '../'), 'ci:c');
  assert.equal(R.keyBase('ci:c', 'file:///u/c-v1/l/index.html', '../index.html'), 'ci:c@/u/c-v1/');
  assert.notEqual(R.keyBase('ci:c', 'file:///u/c-v2/index.html', 'index.html'), R.keyBase('ci:c', 'file:///u/c-v1/index.html', 'index.html'));
});

test('placeholders are filled only from the values given', () => {
  assert.equal(R.fmt('{count} of {total}', {count: 1, total: 2}), '1 of 2');
  assert.equal(R.fmt('{constructor} {toString}', {}), '{constructor} {toString}');
});

test('grading and the review rule', () => {
  assert.deepEqual(R.gradeChoice(['a', 'b'], ['a', 'c'], 'partial'), {pts: 0, tot: 2});
  assert.deepEqual(R.gradeChoice(['a'], ['a'], ''), {pts: 1, tot: 1});
  assert.deepEqual(R.gradeOrder(['x', 'y', 'z'], ['x', 'z', 'y']), {pts: 1, tot: 3});
  assert.deepEqual(R.reschedule(undefined, true, 100), [1, 101]);
  assert.deepEqual(R.reschedule([4, 0], true, 100), [4, 121]);
  assert.deepEqual(R.reschedule([3, 0], false, 100), [1, 101]);
});

test('a self-check item named like a built-in is no answer', () => {
  const data = {id: 's', lo: 1, hi: 3, maxMissing: 0, items: [{id: 'i1', subscale: 'a', reverse: false}],
    subscales: [{id: 'a', title: 'A'}], bands: [{id: 'b', label: 'B', lo: [0, 1], loInc: true}], overall: null};
  assert.equal(R.scoreSelfCheck(data, {i1: 2}).subscales.a.band, 'b');
  assert.equal(R.scoreSelfCheck(data, Object.create({i1: 2})).subscales.a.answered, 0);
});
