// The Eta templates in src/site/templates/ are laid out on lines for reading; the white-space markers (`<%_`,
// `_%>`) keep that layout out of the pages. A text's parts render exactly, with no space the template did not mean,
// and a template file's last newline is not part of it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import { templates } from '../../src/site/templates.js';
import { ROOT } from '../helpers.js';

test('inline parts render without the layout of the template file', () => {
  const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false });
  eta.loadTemplate('@inline', templates().INLINE);
  const html = eta.render('@inline', {
    parts: [
      'Tomskii & ',
      { text: 'Rykov', href: '../person/rykov.html', cls: 'mention', title: 'Rykov, A. I.' },
      ' wrote ',
      { text: 'inthe', corrected: 'in the', title: 'printed: inthe' },
      { text: '1', href: '#note-1', sup: true, id: 'ref-1' },
      ' ',
      { text: 'a quote', quote: true },
      { text: 'x', code: true },
      { text: 'plain', id: 'p1', cls: 'c' },
    ],
  });
  assert.equal(
    html,
    'Tomskii &amp; <a href="../person/rykov.html" class="mention" title="Rykov, A. I.">Rykov</a> wrote ' +
      '<span class="choice" title="printed: inthe"><span class="corr">in the</span><span class="sic">inthe</span></span>' +
      '<sup id="ref-1"><a href="#note-1" class="marker">1</a></sup> <q class="quote">a quote</q><code>x</code>' +
      '<span id="p1" class="c">plain</span>',
  );
});

test("a template file's last newline is not output; the page still ends with one", () => {
  const file = (n: string) => readFileSync(`${ROOT}/src/site/templates/${n}`, 'utf8');
  assert.ok(file('block.eta').endsWith('</section>\n'));
  assert.ok(templates().BLOCK.endsWith('</section>'));
  const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false });
  assert.match(
    eta.renderString(templates().LAYOUT.slice(templates().LAYOUT.lastIndexOf('</html>')), {}),
    /^<\/html>\n$/,
  );
});
