// The release date: never the clock unless asked. In order: --date YYYY-MM-DD (or --date today, the clock on
// request), the SOURCE_DATE_EPOCH convention of reproducible builds, the date of the checked-out commit.

import { execFileSync } from 'node:child_process';
import { UsageError } from '../core/errors.js';

export interface ReleaseDate {
  date: string;
  /** Where it came from, for the message and the README. */
  source: string;
}

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export function releaseDate(
  option: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
  now: () => Date = () => new Date(),
): ReleaseDate {
  if (option === 'today') return { date: now().toISOString().slice(0, 10), source: '--date today (the clock)' };
  if (option !== undefined) {
    if (!isRealDate(option)) throw new UsageError(`--date "${option}" must be a real date YYYY-MM-DD (or "today")`);
    return { date: option, source: '--date' };
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH "${epoch}" must be whole seconds since 1970`);
    return { date: new Date(Number(epoch) * 1000).toISOString().slice(0, 10), source: 'SOURCE_DATE_EPOCH' };
  }
  try {
    const d = execFileSync('git', ['log', '-1', '--format=%cs'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (isRealDate(d)) return { date: d, source: 'the date of the checked-out git commit' };
  } catch {
    // not a git checkout: fall through
  }
  throw new UsageError(
    'no release date: pass --date YYYY-MM-DD (or set SOURCE_DATE_EPOCH); the clock is used only with --date today',
  );
}
