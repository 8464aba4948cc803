// Rewrites test/golden/figures/ from the current corpus. Run it only on purpose (`npm run golden:figures`), look at
// the pictures and read the diff (`git diff test/golden/figures`) before committing; `npm test` only compares.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GOLDEN_FIGURES, builtFigures, goldenFiles } from '../../test/figures-data.js';

const { files } = await builtFigures();
for (const rel of goldenFiles()) {
  const target = join(GOLDEN_FIGURES, rel);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, files.get(rel)!);
  console.log(`wrote test/golden/figures/${rel}`);
}
