// Unit tests of the SCORM adapter's pure helpers (generator/assets/scorm.js), run with
// `node --test tests/js/scorm.test.js` (tests/test_scorm.py runs it). The file is loaded exactly
// as packages ship it, without a document, so it exposes its helpers as `CourseScorm`.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const source = fs.readFileSync(path.join(__dirname, '..', '..', 'generator', 'assets', 'scorm.js'), 'utf8');
const sandbox = {window: {}};
vm.runInNewContext(source, sandbox);
const S = sandbox.window.CourseScorm;
/** Plain copies: values made in the sandbox have its own prototypes. */
const plain = v => JSON.parse(JSON.stringify(v));

function course(lessons, per, completion) {
  const questions = [];
  const ls = [];
  for (let i = 0; i < lessons; i++) {
    const checks = [];
    for (let j = 0; j < per; j++) { checks.push(questions.length); questions.push(`l${i}-q${j}`); }
    ls.push({id: `lesson-${i}`, url: `lesson-${i}.html`, checks});
  }
  return {version: '1.2', build: 'b1', limit: 4096, completion: completion || 'answered', interactions: false,
    mastery: null, commit_delay: 30000, lessons: ls, questions, kinds: {}, strings: {trimmed: ''}};
}

test('bit packing round-trips and rejects foreign characters', () => {
  const values = [2, 0, 1, 1, 2, 2, 0, 0, 0, 1];
  assert.deepEqual(plain(S.unpackBits(S.packBits(values, 2), 2, values.length)), values);
  const flags = [1, 0, 0, 1, 1, 1, 0, 1];
  assert.deepEqual(plain(S.unpackBits(S.packBits(flags, 1), 1, flags.length)), flags);
  assert.equal(S.packBits([0, 0, 0, 0], 2), '');
  assert.equal(S.unpackBits('A*', 2, 6), null);
});

test('5,000 knowledge checks fit 1.2 suspend_data, round-trip, and the course completes', () => {
  const cfg = course(500, 10);
  assert.equal(cfg.questions.length, 5000);
  const state = S.blankState(cfg);
  state.visited = state.visited.map(() => true);
  state.marks = state.marks.map((_, i) => (i % 3 ? 2 : 1));
  const enc = S.encodeState(state, cfg, 4096);
  assert.ok(enc.text.length > 0 && enc.text.length <= 4096, `length ${enc.text.length}`);
  assert.equal(enc.trimmed, false);
  assert.match(enc.text, /^[A-Za-z0-9_.:-]+$/);
  const back = S.decodeState(enc.text, cfg);
  assert.deepEqual(plain(back.marks), plain(state.marks));
  assert.deepEqual(plain(back.visited), plain(state.visited));
  const p = S.progressOf(back, cfg);
  assert.equal(p.complete, true);
  assert.equal(p.answered, 5000);
  assert.equal(p.right, 5000 - Math.ceil(5000 / 3));
  // SCORM 2004 keeps the ids too, so even a republish could map all 5,000.
  assert.ok(S.encodeState(state, cfg, 64000).text.includes(S.fingerprint('l0-q0') + S.fingerprint('l0-q1')));
});

test('past what even the compact record holds, the last answers become counts, never an overflow', () => {
  const cfg = course(1, 14000);
  const state = S.blankState(cfg);
  state.marks = state.marks.map(() => 2);
  const enc = S.encodeState(state, cfg, 4096);
  assert.ok(enc.text.length <= 4096 && enc.text.length > 0);
  assert.equal(enc.trimmed, true);
  const p = S.progressOf(S.decodeState(enc.text, cfg), cfg);
  assert.equal(p.right, 14000);
  assert.equal(p.answered, 14000);
});

test('a republish with another question set keeps the answers whose questions still exist', () => {
  const before = course(2, 3);
  const state = S.blankState(before);
  state.visited = [true, false];
  state.marks = [2, 1, 2, 0, 2, 0];  // l0-q0 right, l0-q1 wrong, l0-q2 right, l1-q1 right
  const text = S.encodeState(state, before, 4096).text;
  // New build: l0-q1 removed, a new question first, the lessons swapped round.
  const after = {...before, build: 'b2', questions: ['new-q', 'l1-q1', 'l0-q0', 'l0-q2', 'l1-q0'],
    lessons: [{id: 'lesson-1', url: 'b.html', checks: [1, 4]}, {id: 'lesson-0', url: 'a.html', checks: [0, 2, 3]}]};
  const back = S.decodeState(text, after);
  assert.deepEqual(plain(back.marks), [0, 2, 2, 2, 0]);
  assert.deepEqual(plain(back.visited), [false, true]);
  const p = S.progressOf(back, after);
  assert.equal(p.right, 3);
  assert.equal(p.complete, false);
});

test('in a 5,000-check 1.2 course, 600 answers still survive a republish by id', () => {
  const before = course(500, 10);
  const state = S.blankState(before);
  state.marks = state.marks.map((_, i) => (i < 600 ? 2 - (i % 2) : 0));
  const enc = S.encodeState(state, before, 4096);
  assert.ok(enc.text.length <= 4096 && !enc.trimmed);
  const questions = before.questions.slice(1).concat(['brand-new']).reverse();
  const after = {...before, build: 'b2', questions};
  const back = S.decodeState(enc.text, after);
  const at = new Map(questions.map((q, i) => [q, i]));
  for (let i = 1; i < 600; i++) assert.equal(back.marks[at.get(before.questions[i])], 2 - (i % 2));
  assert.equal(back.marks.filter(m => m).length, 599);  // the removed question's answer is gone
  // Past what the ids can hold, a republish keeps nothing it cannot place (never a wrong answer).
  state.marks = state.marks.map(() => 2);
  const full = S.encodeState(state, before, 4096);
  assert.equal(S.decodeState(full.text, after).marks.filter(m => m).length, 0);
  assert.equal(S.decodeState(full.text, before).marks.filter(m => m).length, 5000);
});

test('a record cut short, corrupt, or of an unknown version restores nothing', () => {
  const cfg = course(2, 3);
  const state = S.blankState(cfg);
  state.marks = [2, 2, 2, 2, 2, 2];
  const text = S.encodeState(state, cfg, 4096).text;
  assert.ok(S.decodeState(text, cfg));
  for (const bad of [text.slice(0, -1), text.slice(0, 20), text.replace('.', ','), '3' + text.slice(1),
    '', 'garbage', '{"v":1,"p":"1","a":"0+', '__proto__', 'constructor']) {
    assert.equal(S.decodeState(bad, cfg), null, bad);
  }
});

test('the version 1 record is still read', () => {
  const cfg = course(2, 2);
  const v1 = JSON.stringify({v: 1, b: 'b1', p: '3', a: '0+,3-', k: [1, 2]});
  const back = S.decodeState(v1, cfg);
  assert.deepEqual(plain(back.marks), [2, 0, 0, 1]);
  assert.deepEqual(plain(back.visited), [true, true]);
  assert.deepEqual(plain(back.kept), [1, 2]);
  const other = S.decodeState(JSON.stringify({v: 1, b: 'old', p: '1', a: '0+', k: [0, 0]}), cfg);
  assert.deepEqual(plain(other.marks), [0, 0, 0, 0]);
  assert.deepEqual(plain(other.visited), [true, false]);
});

test('no score before the first answer; a score is never lowered', () => {
  const cfg = course(1, 4);
  assert.equal(S.progressOf(S.blankState(cfg), cfg).scaled, null);
  assert.equal(S.mergeScore('67', null), null);
  assert.equal(S.mergeScore('67', 25), 67);
  assert.equal(S.mergeScore('', 25), 25);
  assert.equal(S.mergeScore('12', 25), 25);
  assert.equal(S.mergeScore('not a number', 25), 25);
  assert.equal(S.mergeScore('1000', 25), 25);
});

test('statuses only go up: never back from completed or passed', () => {
  assert.equal(S.raiseStatus('lesson', 'not attempted', 'incomplete'), 'incomplete');
  assert.equal(S.raiseStatus('lesson', '', 'incomplete'), 'incomplete');
  assert.equal(S.raiseStatus('lesson', 'completed', 'incomplete'), null);
  assert.equal(S.raiseStatus('lesson', 'passed', 'failed'), null);
  assert.equal(S.raiseStatus('lesson', 'completed', 'failed'), null);
  assert.equal(S.raiseStatus('lesson', 'failed', 'passed'), 'passed');
  assert.equal(S.raiseStatus('completion', 'completed', 'incomplete'), null);
  assert.equal(S.raiseStatus('completion', 'unknown', 'incomplete'), 'incomplete');
  assert.equal(S.raiseStatus('success', 'passed', 'failed'), null);
  assert.equal(S.raiseStatus('success', 'unknown', 'failed'), 'failed');
  assert.equal(S.raiseStatus('lesson', '__proto__', 'incomplete'), 'incomplete');
});

test('mastery: passed at the mark, failed only once complete below it', () => {
  const done = {complete: true}, open = {complete: false};
  assert.equal(S.successOf(done, 80, 80), 'passed');
  assert.equal(S.successOf(open, 85, 80), 'passed');
  assert.equal(S.successOf(open, 50, 80), null);
  assert.equal(S.successOf(done, 50, 80), 'failed');
  assert.equal(S.successOf(done, 50, null), null);
  assert.equal(S.lessonStatus(done, 50, null), 'completed');
  assert.equal(S.lessonStatus(open, 50, null), 'incomplete');
  assert.equal(S.lessonStatus(done, 50, 80), 'failed');
  assert.equal(S.masteryOf('70', 1, 80), 70);
  assert.equal(S.masteryOf('0.6', 100, 80), 60);
  assert.equal(S.masteryOf('', 1, 80), 80);
  assert.equal(S.masteryOf('__proto__', 1, null), null);
});

test('times: 1.2 HH:MM:SS, 2004 durations, and 2004 time stamps with their zone', () => {
  assert.equal(S.time12(3723000), '01:02:03');
  assert.equal(S.time2004(61400), 'PT61S');
  const stamp = S.timestamp2004(new Date(Date.UTC(2026, 11, 4, 20, 15, 3)));
  assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d[+-]\d\d:\d\d$/);
  const back = new Date(stamp);
  assert.equal(back.getTime(), Date.UTC(2026, 11, 4, 20, 15, 3));
});

test('commits are throttled: one per delay, at once when asked', () => {
  let commits = 0;
  const timers = [];
  const t = S.throttle(() => { commits++; }, 1000, f => { timers.push(f); return timers.length; }, () => { timers.length = 0; });
  for (let i = 0; i < 50; i++) t.soon();
  assert.equal(commits, 0);
  assert.equal(timers.length, 1);
  timers.shift()();
  assert.equal(commits, 1);
  t.flush();  // nothing due: no commit
  assert.equal(commits, 1);
  t.soon();
  t.flush();
  assert.equal(commits, 2);
  t.now();  // always
  assert.equal(commits, 3);
});
