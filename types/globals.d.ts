// Page globals the browser runtime (generator/assets/*.js) reads or defines, and the shapes of
// its stored data, for TypeScript's check of the JSDoc types (tsconfig.json). Kept outside
// generator/assets because everything there is published with the site.

/** An anchor value of a self-check item, or 'na' (does not apply). */
type Value = number | 'na';
/** A self-check's answers: item id -> value. */
type Answers = { [item: string]: Value };

/** One question's stored record (see the stored format in course.js). */
interface AnswerRecord {
  h?: string;
  p?: string;
  sel?: string[];
  order?: string[];
  text?: string;
  a?: Answers;
  done?: boolean;
  live?: boolean;
  rev?: boolean;
  pts?: number;
  tot?: number;
  res?: string[];
  at?: string;
}
/** One scored attempt of a self-check. */
interface Attempt { at: string; k: string; h: string; a: Answers }
/** A review-queue entry: [box 1-4, due day]. */
type Sched = [number, number];
/** The learner's data as the runtime holds it (maps without prototypes). */
interface State {
  answers: { [id: string]: AnswerRecord };
  visited: { [lesson: string]: boolean };
  attempts: { [selfCheck: string]: Attempt[] };
  sched: { [question: string]: Sched };
}
/** A record set aside: its JSON text exactly as found, and why. */
interface Kept { why: string; id?: string; raw: string; at?: string }
/** The build's JSON config block (#ci-config). */
interface Config {
  strings: { [key: string]: string };
  course: string;
  storageKey: string;
  home: string;
  version: number;
  questions?: { [id: string]: string };
  lessons?: string[];
  quickExit?: string;
  /** Download file names from the course id (generator/core/identity.py). */
  files?: { answers?: string; summary?: string };
}
interface Band {
  id: string;
  label: string;
  lo?: [number, number];
  hi?: [number, number];
  loInc?: boolean;
  hiInc?: boolean;
}
/** What the runtime needs to score a self-check (render/pages.py self_check_data). */
interface SelfCheckData {
  id: string;
  lo: number;
  hi: number;
  maxMissing: number;
  items: { id: string; subscale: string; reverse: boolean }[];
  subscales: { id: string; title: string }[];
  bands: Band[];
  overall: { title: string } | null;
}
interface Group { answered: number; total: number; sum: number; band: string | null }
interface Scored { subscales: { [id: string]: Group }; overall: Group | null; identical: boolean }
/** [group id, title, its score] for the results chart. */
type Row = [string, string, Group | null];

/** A change the store applies (store.commit); false gives up. */
type Change = (S: State, kept: Kept[]) => boolean | void;
/** [selector, mount, is a view that follows every change, one per page] */
type Mount = [string, (el: HTMLElement, ctx: any) => (() => void) | void, boolean?, boolean?];

/** The one store (course.js), as journey.js uses it. */
interface Store {
  cfg: Config;
  S: State;
  kept: Kept[];
  remember: boolean;
  broken: boolean;
  newer: boolean;
  onAnswer: ((el: HTMLElement, S: State) => void) | null;
  get(id: string): AnswerRecord;
  pack(): { v: number; course: string; answers: State['answers']; visited: string[]; attempts: State['attempts']; sched: State['sched'] };
  commit(change: Change, fresh?: boolean): boolean;
  changed(): void;
  redraw(): void;
}

/** window.CourseRuntime: what course.js shares with journey.js (and scorm.js, tests/js/). */
interface CourseRuntimeApi {
  scoreSelfCheck(data: SelfCheckData, answers: { [item: string]: unknown }): Scored;
  gradeChoice(correct: string[], picked: string[], scoring: string | undefined): { pts: number; tot: number };
  gradeOrder(key: string[], order: string[]): { pts: number; tot: number };
  readStored(raw: string, cfg: { version: number }): { state: State; kept: Kept[]; newer: boolean };
  readKept(raw: string | null): Kept[];
  addKept(list: Kept[], entries: Kept[]): Kept[];
  shuffleWith<T>(list: T[], seed: number, fixed: (x: T) => boolean): T[];
  hashText(text: string): number;
  fmt(text: unknown, vars?: { [name: string]: unknown }): string;
  upgrade(d: any): any;
  reschedule(entry: Sched | undefined, right: boolean, day: number): Sched;
  today(): number;
  resultText(r: AnswerRecord, str: { [key: string]: string }): string;
  safeHref(href: unknown, base: string): string | null;
  safeExit(url: unknown): string | null;
  isId(x: unknown): x is string;
  own(o: unknown, k: PropertyKey): boolean;
  isObj(v: unknown): v is { [key: string]: any };
  isStr(v: unknown, max: number): v is string;
  ids(v: unknown, max: number): v is string[];
  dict(): { [key: string]: any };
  clean(v: any): any;
  blank(): State;
  badRecord(r: unknown): boolean;
  isKept(v: unknown): v is Kept;
  more(d: any, out: State): void;
  MORE: { [part: string]: (v: unknown) => boolean };
  LIMITS: { text: number; label: number; file: number; answers: number; visited: number; attempts: number; kept: number; sched: number };
  clampRecord(r: AnswerRecord): AnswerRecord;
  mergeAttempts(mine: Attempt[], theirs: Attempt[]): Attempt[];
  fillFrom(into: State, from: State): number;
  withinLimits(S: State, kept: Kept[]): boolean;
  restorable(kept: Kept[], cfg: { version: number }, only: string[]): { state: State; used: Kept[] };
  versionOf(d: unknown): number | null;
  pack(cfg: Config, S: State): object;
  keyBase(key: string, href: string, home: string): string;
  // Present in a browser page only:
  store?: Store;
  h(tag: string, cls?: string, text?: string): HTMLElement;
  btn(label: string, cls?: string): HTMLButtonElement;
  qsa(el: ParentNode, sel: string): HTMLElement[];
  one(el: ParentNode, sel: string): HTMLElement;
  attr(el: Element, name: string): string;
  chart(rows: Row[], lo: number, hi: number): SVGSVGElement;
  num(x: number): string;
  note(text: string): void;
  lang(): string;
  trusted(el: Element): boolean;
  hooks(sel: string): HTMLElement[];
  components(): { [id: string]: HTMLElement };
  link(href: string | null | undefined): string | null;
  dropKept(kept: Kept[], used: Kept[]): void;
  selfCheckData(el: HTMLElement): SelfCheckData;
  use(m: Mount): void;
}

/** Material's observable of page loads (instant navigation). */
interface DocumentObservable { subscribe(fn: () => void): unknown }

interface Window {
  /** course.js: the store, the id rule and validators, helpers (journey.js and scorm.js use them). */
  CourseRuntime: CourseRuntimeApi;
  /** journey.js: attempts, review, home, download and import. */
  CourseJourney: any;
  document$?: DocumentObservable;
  /** KaTeX, served by the site on courses with maths. */
  katex?: { render(tex: string, el: Element, options: object): void };
  __md_scope: URL;
  __md_hash(s: string): number;
  __md_get(key: string, storage?: Storage, base?: URL): any;
  __md_set(key: string, value: unknown, storage?: Storage, base?: URL): void;
}

/** CommonJS, present when Node loads a runtime file for its unit tests (tests/js/). */
declare var module: { exports: unknown } | undefined;
