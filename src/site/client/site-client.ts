// The site's one script (assets/site.js, bundled for browsers by scripts/bundle.ts): the search page (MiniSearch
// over search-index.json, with the same term processing as the index: ../search-terms.ts), the toggle between
// corrected and printed readings, and the filter by period of lists of dated things. Pages work without it.
// Written against the DOM without its type library (the project compiles for Node): the few calls are typed here.

import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS, SEARCH_OPTIONS, tokenize } from '../search-terms.js';

// biome-ignore lint/suspicious/noExplicitAny: the page's globals (no DOM types in this build)
declare const document: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's globals (no DOM types in this build)
declare const window: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's globals (no DOM types in this build)
declare const location: any;
// biome-ignore lint/suspicious/noExplicitAny: the page's globals (no DOM types in this build)
declare const URLSearchParams: any;
declare const fetch: (url: string) => Promise<{ ok: boolean; status: number; text: () => Promise<string> }>;

type Result = {
  id: string;
  score: number;
  terms: string[];
  queryTerms: string[];
  title: string;
  kind: string;
  letter?: string;
  letters?: string;
  text?: string;
  forms?: string;
};

// biome-ignore lint/suspicious/noExplicitAny: an element of the page (no DOM types in this build)
const el = (tag: string, attrs: Record<string, string> = {}, text?: string): any => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

/** The words of `text` around the first matched term, with the matched words marked. */
// biome-ignore lint/suspicious/noExplicitAny: an element of the page (no DOM types in this build)
function snippet(text: string, terms: string[], width = 90): any {
  const span = el('span', { class: 'snippet' });
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const from = Math.max(0, at < 0 ? 0 : at - width / 2);
  const piece =
    (from > 0 ? '…' : '') + text.slice(from, from + width * 2) + (from + width * 2 < text.length ? '…' : '');
  // mark every word that starts with a matched term
  const words = piece.split(/(\s+)/);
  for (const w of words) {
    const hit = tokenize(w).some((x) =>
      terms.some((t) => x.toLowerCase().startsWith(t.toLowerCase().slice(0, Math.max(3, t.length - 2)))),
    );
    span.appendChild(hit ? el('mark', {}, w) : document.createTextNode(w));
  }
  return span;
}

// biome-ignore lint/suspicious/noExplicitAny: an element of the page (no DOM types in this build)
async function searchPage(app: any): Promise<void> {
  const input = app.querySelector('input[name=q]');
  const kind = app.querySelector('select[name=kind]');
  const letter = app.querySelector('select[name=letter]');
  const list = app.querySelector('#search-results');
  const status = app.querySelector('#search-status');
  status.textContent = 'Loading the index…';
  const res = await fetch(app.getAttribute('data-index'));
  if (!res.ok) {
    status.textContent = `The index could not be loaded (HTTP ${res.status}).`;
    return;
  }
  const t0 = window.performance.now();
  // the documents are shipped, the index is built here (search.ts searchIndex says why)
  const ms = new MiniSearch(MINISEARCH_OPTIONS);
  ms.addAll((JSON.parse(await res.text()) as { docs: object[] }).docs);
  window.searchLoadMs = window.performance.now() - t0;
  window.searchIndex = ms;
  const run = (): void => {
    const q = String(input.value ?? '').trim();
    const t = window.performance.now();
    const k = kind.value;
    const l = letter.value;
    // biome-ignore lint/suspicious/noExplicitAny: a MiniSearch result with our stored fields
    const filter = (r: any): boolean =>
      (!k || r.kind === k || (k === 'entity' && ['person', 'organization', 'place', 'post'].includes(r.kind))) &&
      (!l ||
        r.letter === l ||
        String(r.letters ?? '')
          .split(' ')
          .includes(l));
    const results: Result[] = q
      ? (ms.search(q, { ...SEARCH_OPTIONS, filter }) as unknown as Result[]).slice(0, 100)
      : [];
    window.lastSearchMs = window.performance.now() - t;
    list.textContent = '';
    for (const r of results) {
      const li = el('li', { 'data-kind': r.kind });
      li.appendChild(el('a', { href: r.id }, r.title));
      li.appendChild(el('span', { class: 'result-kind' }, r.kind));
      if (r.text) {
        li.appendChild(el('br'));
        li.appendChild(snippet(r.text, r.terms));
      } else if (r.forms) {
        li.appendChild(el('br'));
        li.appendChild(snippet(r.forms, r.terms));
      }
      list.appendChild(li);
    }
    status.textContent = q
      ? `${results.length}${results.length === 100 ? '+' : ''} result${results.length === 1 ? '' : 's'}`
      : 'Type a name in any spelling, a word of a letter or of a note.';
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url.href);
  };
  input.addEventListener('input', run);
  kind.addEventListener('change', run);
  letter.addEventListener('change', run);
  input.value = new URLSearchParams(location.search).get('q') ?? '';
  run();
  app.setAttribute('data-ready', '');
}

/** The toggle between the corrected readings (shown) and the printed ones. */
function readings(): void {
  for (const b of document.querySelectorAll('button.toggle-reading')) {
    b.addEventListener('click', () => {
      const printed = document.body.classList.toggle('printed-readings');
      for (const x of document.querySelectorAll('button.toggle-reading')) {
        x.setAttribute('aria-pressed', String(printed));
        x.textContent = printed ? 'Show the corrected readings' : 'Show the printed readings';
      }
    });
  }
}

/**
 * A period filter above each list or table marked data-period, whose rows carry data-earliest and data-latest
 * (the interval of the date): a row inside the period is shown, one whose interval only overlaps it is shown as
 * "possibly" in it (as the saved query letters-in-period distinguishes), the others are hidden.
 */
function periods(): void {
  for (const section of document.querySelectorAll('[data-period]')) {
    const rows = [...section.querySelectorAll('[data-earliest],[data-latest]')];
    const frames = [...section.querySelectorAll('.axis-frame[data-axis-from]')];
    if (!rows.length && !frames.length) continue;
    const form = el('form', { class: 'period' });
    form.appendChild(document.createTextNode('Period: from '));
    const from = el('input', { type: 'date', name: 'from', 'aria-label': 'from' });
    const to = el('input', { type: 'date', name: 'to', 'aria-label': 'to' });
    form.appendChild(from);
    form.appendChild(document.createTextNode(' to '));
    form.appendChild(to);
    const out = el('output', {}, '');
    form.appendChild(document.createTextNode(' '));
    form.appendChild(out);
    const apply = (): void => {
      const a = from.value || '0000-01-01';
      const b = to.value || '9999-12-31';
      let inside = 0;
      let possibly = 0;
      for (const r of rows) {
        const e = r.getAttribute('data-earliest') || '0000-01-01';
        const l = r.getAttribute('data-latest') || '9999-12-31';
        const within = a <= e && l <= b;
        const overlaps = e <= b && l >= a;
        r.classList.toggle('period-hidden', !overlaps);
        r.classList.toggle('period-possibly', overlaps && !within);
        let mark = r.querySelector('.possibly');
        if (overlaps && !within && !mark) {
          mark = el('span', { class: 'possibly' }, '');
          (r.querySelector('td') ?? r).appendChild(mark);
        }
        if ((!overlaps || within) && mark) mark.remove();
        if (within) inside++;
        else if (overlaps) possibly++;
      }
      for (const f of frames) shadeOutside(f, from.value, to.value);
      out.textContent =
        from.value || to.value
          ? rows.length
            ? `${inside} in the period, ${possibly} possibly`
            : 'the time outside the period is shaded'
          : '';
    };
    from.addEventListener('input', apply);
    to.addEventListener('input', apply);
    section.insertBefore(form, section.querySelector('ul,ol,table'));
  }
}

/**
 * Shades the parts of a figure's time axis outside the period [from, to] (ISO days; empty = open): two veils over
 * the plot, placed by the axis's domain and its edges as shares of the image width (data-axis-* on the frame).
 */
// biome-ignore lint/suspicious/noExplicitAny: the page's elements (no DOM types in this build)
function shadeOutside(frame: any, from: string, to: string): void {
  const d = frame.dataset;
  const t = (day: string): number => Date.parse(`${day}T00:00:00Z`);
  const [t0, t1] = [t(d.axisFrom!), t(d.axisTo!)];
  const [left, right] = [Number(d.axisLeft), Number(d.axisRight)];
  const at = (ms: number): number => left + (right - left) * Math.min(1, Math.max(0, (ms - t0) / (t1 - t0)));
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const veil = (side: 'before' | 'after'): any => {
    let v = frame.querySelector(`.outside-period.${side}`);
    if (!v) {
      v = el('div', { class: `outside-period ${side}`, 'aria-hidden': 'true' });
      frame.appendChild(v);
    }
    return v;
  };
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const place = (v: any, a: number, b: number): void => {
    v.hidden = b <= a;
    v.style.left = `${(a * 100).toFixed(3)}%`;
    v.style.width = `${((b - a) * 100).toFixed(3)}%`;
  };
  // a day's interval ends at the start of the next day
  place(veil('before'), left, from ? at(t(from)) : left);
  place(veil('after'), to ? at(t(to) + 86_400_000) : right, right);
}

function start(): void {
  readings();
  periods();
  const app = document.getElementById('search-app');
  if (app) void searchPage(app);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
