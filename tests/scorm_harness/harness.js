/* Installs scorm-again's API as the LMS would, then opens the package's launch page in a frame.
   Query: ?v=12|2004&start=<JSON of cmi data to load first, e.g. a resumed attempt>. */
(function () {
  'use strict';
  const q = new URLSearchParams(location.search), v12 = q.get('v') === '12';
  const api = v12 ? new window.Scorm12API({logLevel: 5}) : new window.Scorm2004API({logLevel: 5});
  if (q.get('start')) api.loadFromJSON(JSON.parse(q.get('start')));
  const set = v12 ? 'LMSSetValue' : 'SetValue', calls = [];
  const original = api[set].bind(api);
  api[set] = (k, val) => { calls.push([k, String(val)]); return original(k, val); };
  ['LMSInitialize', 'LMSFinish', 'LMSCommit', 'Initialize', 'Terminate', 'Commit'].forEach(fn => {
    if (typeof api[fn] !== 'function') return;
    const f = api[fn].bind(api);
    api[fn] = arg => { calls.push([fn, String(arg)]); return f(arg); };
  });
  window.harness = {
    calls: calls,
    last: k => { for (let i = calls.length - 1; i >= 0; i--) if (calls[i][0] === k) return calls[i][1]; return null; },
    get: k => api[v12 ? 'LMSGetValue' : 'GetValue'](k),
  };
  window[v12 ? 'API' : 'API_1484_11'] = api;
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.title = 'Course package';
  frame.width = '1200';
  frame.height = '850';
  frame.src = 'pkg/scorm.html';
  document.body.append(frame);
})();
