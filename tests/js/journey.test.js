// Unit tests for the pure parts of generator/assets/journey.js (import checks and merging,
// attempts, dates), under Node's own test runner: `node --test tests/js/`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../generator/assets/course.js');
const J = require('../../generator/assets/journey.js');

const HASH = '0123456789ab';
const CFG = {version: 2, course: 'C', lessons: ['l1']};
const file = more => Object.assign({v: 2, course: 'C', answers: {}, visited: []}, more);
const at = n => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
const attempts = (from, count) => Array.from({length: count}, (_, i) => ({at: at(from + i), k: 'sc', h: HASH, a: {i1: 1}}));
const any = () => null;

test('an import is checked strictly', () => {
  assert.throws(() => J.readData(file({extra: 1}), CFG, any), /shape/);
  assert.throws(() => J.readData(file({v: 3}), CFG, any), /version/);
  assert.throws(() => J.readData(file({course: 'Other'}), CFG, any), /shape/);
  assert.throws(() => J.readData(file({answers: {constructor: {h: HASH}}}), CFG, any), /shape/);
  assert.throws(() => J.readData(file({answers: {q1: {h: HASH, sel: ['__proto__']}}}), CFG, any), /shape/);
  assert.throws(() => J.readData(file({attempts: {sc: attempts(0, 51)}}), CFG, any), /shape/);
  const many = {};
  for (let i = 0; i <= R.LIMITS.answers; i++) many['q' + i] = {h: HASH};
  assert.throws(() => J.readData(file({answers: many}), CFG, any), /size/);
});

test('answers to changed questions are left out of an import', () => {
  const got = J.readData(file({answers: {q1: {h: HASH, text: 'a'}, q2: {h: HASH, text: 'b'}}, visited: ['l1', 'l9']}), CFG,
    id => (id === 'q1' ? HASH : 'ffffffffffff'));
  assert.deepEqual(Object.keys(got.state.answers), ['q1']);
  assert.equal(got.skipped, 1);
  assert.deepEqual(Object.keys(got.state.visited), ['l1']);  // lessons of this course only
});

test('an import cannot push a self-check past its attempt limit', () => {
  const S = R.blank(), kept = [];
  S.attempts.sc = attempts(0, 45);
  const got = J.readData(file({attempts: {sc: attempts(40, 10)}}), CFG, any);
  assert.deepEqual(J.mergeImport(S, kept, got, any), {count: 0, skipped: 0});
  assert.equal(S.attempts.sc.length, R.LIMITS.attempts);
  assert.equal(S.attempts.sc[S.attempts.sc.length - 1].at, at(49));
  assert.equal(R.MORE.attempts(S.attempts), true);  // loads back after a reload
});

test('an import that would hold too many answers changes nothing', () => {
  const S = R.blank(), kept = [];
  for (let i = 0; i < R.LIMITS.answers; i++) S.answers['a' + i] = {h: HASH};
  const got = J.readData(file({answers: {extra: {h: HASH}}}), CFG, any);
  assert.equal(J.mergeImport(S, kept, got, any), null);
  assert.equal(Object.keys(S.answers).length, R.LIMITS.answers);
  assert.equal(R.own(S.answers, 'extra'), false);
});

test('an import never replaces an answer this page cannot date', () => {
  const S = R.blank();
  S.answers.q1 = {h: 'aaaaaaaaaaaa', text: 'mine'};
  const got = J.readData(file({answers: {q1: {h: HASH, text: 'file'}, q2: {h: HASH, text: 'new'}}}), CFG, any);
  assert.deepEqual(J.mergeImport(S, [], got, any), {count: 1, skipped: 1});
  assert.equal(S.answers.q1.text, 'mine');
  assert.equal(S.answers.q2.text, 'new');
});

test('a date that is not a date reads as not recorded', () => {
  const undated = 'date not recorded';
  assert.equal(J.dateText('', false, 'en', undated), undated);
  assert.equal(J.dateText('yesterday-ish', true, 'en', undated), undated);
  assert.equal(J.dateText(undefined, false, 'en', undated), undated);
  assert.match(J.dateText('2026-01-02T10:00:00.000Z', false, 'en', undated), /2026/);
  assert.doesNotMatch(J.dateText('2026-13-45', false, 'en', undated), /Invalid/);
});

test('a scored self-check becomes one attempt, updated when its answers change', () => {
  const S = R.blank();
  S.answers.sc = {h: HASH, a: {i1: 1}, done: true};
  J.recordAttempt(S, 'sc', 'sc');
  S.answers.sc.a = {i1: 3};
  J.recordAttempt(S, 'sc', 'sc');
  assert.equal(S.attempts.sc.length, 1);
  assert.deepEqual(JSON.parse(JSON.stringify(S.attempts.sc[0].a)), {i1: 3});
  J.recordAttempt(S, 'nothing', 'sc');
  assert.equal(S.attempts.sc.length, 1);
});

test('attempts compare by subscale', () => {
  const data = {id: 's', lo: 1, hi: 3, maxMissing: 0, items: [{id: 'i1', subscale: 'a', reverse: false}],
    subscales: [{id: 'a', title: 'A'}], bands: [{id: 'b', label: 'B', lo: [0, 1], loInc: true}], overall: null};
  assert.deepEqual(JSON.parse(JSON.stringify(J.compareAttempts(data, {i1: 1}, {i1: 3}))), {a: 'higher'});
});
