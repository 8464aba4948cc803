// The edition parser: splits an edition text into letters, each into blocks (date, salutation, paragraphs,
// numbered points, sub-points, signature, postscripts) and footnotes with their markers and citations.
// Every element keeps its source location. The text is never altered: blocks and notes are slices of the file.

import { CorpusError, LineIndex, type SourceLocation } from './errors.js';
import { parseEditorialDate, parseNumericDateline, DateParseError, type DateValue } from './dates.js';
import { parseCitations, CitationError, type Citation, type CitationContext, type WorkSpec } from './citations.js';

export type BlockKind =
  | 'editorial-date'
  | 'dateline'
  | 'salutation'
  | 'paragraph'
  | 'point'
  | 'subpoint'
  | 'closing'
  | 'signature'
  | 'postscript'
  | 'attribution';

export interface Block {
  /** 1-based position within the letter. */
  position: number;
  kind: BlockKind;
  text: string;
  loc: SourceLocation;
  pointLabel?: string;
  postscriptLabel?: string;
}

export interface Marker {
  /** File offset of the marker digits. */
  offset: number;
  /** Position of the block that holds the marker. */
  block: number;
  /** Up to six words before the marker, as printed. */
  anchorText: string;
}

export interface ParsedFootnote {
  number: number;
  /** The note's text after "N. ", as printed (line breaks kept), trimmed. */
  text: string;
  loc: SourceLocation;
  marker?: Marker;
  citations: Citation[];
  /** Index in reading order over the file of the first citation of this note. */
  firstCitationIndex: number;
}

export interface DatedText {
  printed: string;
  value: DateValue;
  loc: SourceLocation;
}

export interface ParsedLetter {
  id: string;
  number?: number;
  file: string;
  loc: SourceLocation;
  editorialDate: DatedText;
  datelines: DatedText[];
  salutation?: string;
  signatures: string[];
  blocks: Block[];
  /** The letter's own text (from the first line after the editorial date to the end of the body), as printed. */
  text: string;
  textLoc: SourceLocation;
  footnotes: ParsedFootnote[];
}

export interface Finding {
  code: 'marker-missing' | 'marker-out-of-order';
  file: string;
  line: number;
  letter: string;
  footnote: number;
  message: string;
}

export interface ParsedEdition {
  file: string;
  letters: ParsedLetter[];
  /** Bibliographic lines after the last letter (the 1932 text ends with the citation of its two source books). */
  trailer: { text: string; loc: SourceLocation }[];
  findings: Finding[];
}

export type Layout =
  | { kind: 'numbered-letters'; heading: string; idPrefix: string }
  | { kind: 'single-letter'; id: string };

interface Line {
  text: string;
  start: number;
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ text: text.slice(start, end).replace(/\r$/, ''), start, end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

const isBlank = (l: Line): boolean => l.text.trim() === '';

const POINT = /^(\d{1,2})\)\s?/;
const SUBPOINT = /^([a-h])\)\s?/;
const POSTSCRIPT = /^(P\.(?:P\.)?S\.)/;
const ATTRIBUTION = /^\[[A-Z]\.(?: [A-Z]\.)? [A-Z][a-z]+\]$/;
const SIGNATURE = /^(?:(?:Well, )?(?:Best )?[Rr]egards, )?([JI]\. Stalin)\.?(?:\s+(\d{1,2}\/\d{1,2}\/\d{2}))?$/;
const CLOSING = /^(?:Well, )?(?:Best )?[Rr]egards,$/;
const SALUTATION = /^([A-Z][A-Za-z]*(?:,? [A-Z][A-Za-z]*){0,3})([,:])(?:\s+\d+)?$/;
const PLAIN_DATE = /^\d{1,2} [A-Z][a-z]+ \d{4}$/;
// A line ending a sentence (a trailing footnote marker ignored) closes its paragraph; otherwise the next line
// continues it, as where the extraction broke "testimonies of / Groman, Kondratiev".
const ENDS_SENTENCE = /[.!?:;"'”’)\]]\s*(?:\d+(?:,\d+)*)?\s*$/;

function opensBlock(text: string): boolean {
  return (
    POINT.test(text) ||
    SUBPOINT.test(text) ||
    POSTSCRIPT.test(text) ||
    ATTRIBUTION.test(text) ||
    SIGNATURE.test(text) ||
    CLOSING.test(text)
  );
}

/** Lines that are blocks of their own even without final punctuation ("Viacheslav, 1", "J. Stalin"). */
function closesBlock(text: string): boolean {
  return (
    SALUTATION.test(text) ||
    SIGNATURE.test(text) ||
    CLOSING.test(text) ||
    ATTRIBUTION.test(text) ||
    PLAIN_DATE.test(text)
  );
}

/** Groups body lines into blocks and classifies them. */
function blocksOf(lines: Line[], text: string, idx: LineIndex, file: string, firstPosition: number): Block[] {
  const groups: Line[][] = [];
  let current: Line[] | undefined;
  for (const line of lines) {
    if (isBlank(line)) {
      current = undefined;
      continue;
    }
    const prev = current?.[current.length - 1];
    if (
      current &&
      prev &&
      !ENDS_SENTENCE.test(prev.text) &&
      !closesBlock(prev.text.trim()) &&
      !opensBlock(line.text.trim())
    ) {
      current.push(line);
    } else groups.push((current = [line]));
  }
  const blocks: Block[] = [];
  for (const g of groups) {
    const start = g[0]!.start;
    const end = g[g.length - 1]!.end;
    const blockText = text.slice(start, end).replace(/\s+$/, '');
    const first = blockText.trim();
    const position = firstPosition + blocks.length;
    const loc = idx.locate(file, start, start + blockText.length);
    const base = { position, text: blockText, loc };
    let m: RegExpExecArray | null;
    if (blocks.length === 0 && g.length === 1 && PLAIN_DATE.test(first)) blocks.push({ ...base, kind: 'dateline' });
    else if (
      blocks.every((b) => b.kind === 'dateline') &&
      g.length === 1 &&
      SALUTATION.test(first) &&
      first.split(' ').length <= 5
    ) {
      blocks.push({ ...base, kind: 'salutation' });
    } else if ((m = POINT.exec(first))) blocks.push({ ...base, kind: 'point', pointLabel: m[1]! });
    else if ((m = SUBPOINT.exec(first))) blocks.push({ ...base, kind: 'subpoint', pointLabel: m[1]! });
    else if ((m = POSTSCRIPT.exec(first))) blocks.push({ ...base, kind: 'postscript', postscriptLabel: m[1]! });
    else if (ATTRIBUTION.test(first)) blocks.push({ ...base, kind: 'attribution' });
    else if (SIGNATURE.test(first)) blocks.push({ ...base, kind: 'signature' });
    else if (CLOSING.test(first)) blocks.push({ ...base, kind: 'closing' });
    else blocks.push({ ...base, kind: 'paragraph' });
  }
  return blocks;
}

const PUNCT_BEFORE = /[.?!,;:)"'\]»”’]/;

/** Is `num` at `p` a footnote marker rather than a number of the text? (see README, "Footnote markers") */
function isMarkerAt(text: string, p: number, num: string, prevMarkerEnd: number): boolean {
  if (!text.startsWith(num, p)) return false;
  const before = text[p - 1] ?? '\n';
  const after = text[p + num.length] ?? '\n';
  if (/[\d/)%.A-Za-z]/.test(after)) return false; // 1.5, 8/6, 1), 2nd
  if (after === ',' && !/\d/.test(text[p + num.length + 1] ?? '')) return false; // "2,3" lists markers
  if (/[\d/\n]/.test(before)) return false; // part of a number, a date, or a point label at line start
  if (before === ',') return p - 1 === prevMarkerEnd; // second marker of "2,3"
  if (before === '.' && /\d/.test(text[p - 2] ?? '')) return false;
  if (PUNCT_BEFORE.test(before) || /[A-Za-z]/.test(before)) return true; // "officials.2", "Italy6"
  if (before === ' ') {
    const b2 = text[p - 2] ?? '\n';
    if (PUNCT_BEFORE.test(b2)) return true; // "managers. 1 These", "Viacheslav, 1"
    if (/[A-Za-z]/.test(b2)) {
      // "Ukraine 1 (in the event" is a marker; "shipping 1 to 1.5" is a number
      const next = /\S/.exec(text.slice(p + num.length, p + num.length + 40));
      return !next || !/[a-z\d]/.test(next[0]);
    }
  }
  return false;
}

function findMarker(text: string, num: string, from: number, to: number, prevMarkerEnd: number): number {
  for (let p = text.indexOf(num, from); p >= 0 && p < to; p = text.indexOf(num, p + 1)) {
    if (isMarkerAt(text, p, num, prevMarkerEnd)) return p;
  }
  return -1;
}

function anchorTextBefore(text: string, blockStart: number, offset: number): string {
  // a marker right after another ("days.2,3") is anchored to the same words, not to the first marker
  const words = text
    .slice(blockStart, offset)
    .replace(/(?<=\D)\d+,$/, '')
    .replace(/\s+/g, ' ')
    .trimEnd()
    .split(' ');
  return words.slice(-6).join(' ');
}

interface NoteSpan {
  number: number;
  start: number;
  textStart: number;
  end: number;
}

function noteSpans(lines: Line[], text: string): NoteSpan[] {
  const spans: NoteSpan[] = [];
  for (const line of lines) {
    const m = /^(\d+)\.\s/.exec(line.text);
    if (m && +m[1]! === spans.length + 1) {
      spans.push({ number: spans.length + 1, start: line.start, textStart: line.start + m[0].length, end: line.end });
    } else if (spans.length) spans[spans.length - 1]!.end = line.end;
  }
  for (const s of spans) while (s.end > s.textStart && /\s/.test(text[s.end - 1]!)) s.end--;
  return spans;
}

function dateOf(printed: string, parse: (s: string) => DateValue, loc: SourceLocation, letter: string): DatedText {
  try {
    return { printed, value: parse(printed), loc };
  } catch (e) {
    if (e instanceof DateParseError) {
      throw new CorpusError({
        code: 'unknown-date-form',
        file: loc.file,
        line: loc.line,
        entry: letter,
        message: e.message,
        hint: 'supported: [2 August 1930], [Earlier than …], [No earlier than …], [No later than …], [Late August–Early September 1930], 11 August [1932]',
      });
    }
    throw e;
  }
}

interface LetterInput {
  id: string;
  number?: number;
  start: number;
  end: number;
  /** The line holding the editorial date (for the numbered layout the line after the heading). */
  dateLine: Line;
  /** Printed date without a trailing marker. */
  datePrinted: string;
  bodyLines: Line[];
  noteLines: Line[];
}

function parseLetter(
  input: LetterInput,
  text: string,
  idx: LineIndex,
  file: string,
  works: readonly WorkSpec[],
  citeCtx: CitationContext,
  findings: Finding[],
): ParsedLetter {
  const dl = input.dateLine;
  const dateLoc = idx.locate(file, dl.start, dl.end);
  const editorialDate = dateOf(input.datePrinted, parseEditorialDate, dateLoc, input.id);
  const bodyStart = input.bodyLines.find((l) => !isBlank(l))?.start;
  if (bodyStart === undefined) {
    throw new CorpusError({
      code: 'letter-without-body',
      file,
      line: dateLoc.line,
      entry: input.id,
      message: `${input.id} has a heading and a date but no text before its notes`,
      hint: 'check that the letter text was not lost in extraction, or remove the empty heading',
    });
  }
  const blocks: Block[] = [
    { position: 1, kind: 'editorial-date', text: dl.text.replace(/\s+$/, ''), loc: dateLoc },
    ...blocksOf(input.bodyLines, text, idx, file, 2),
  ];
  const last = blocks[blocks.length - 1]!;
  const bodyEnd = last.loc.endOffset;

  const datelines: DatedText[] = [];
  const signatures: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'dateline') datelines.push(dateOf(b.text.trim(), parseEditorialDate, b.loc, input.id));
    if (b.kind === 'signature') {
      const m = SIGNATURE.exec(b.text.trim())!;
      signatures.push(m[1]!);
      if (m[2]) datelines.push(dateOf(m[2], parseNumericDateline, b.loc, input.id));
    }
  }

  const spans = noteSpans(input.noteLines, text);
  const footnotes: ParsedFootnote[] = [];
  let pos = dl.start;
  let prevEnd = -2;
  for (const span of spans) {
    const num = String(span.number);
    const here = findMarker(text, num, pos, bodyEnd, prevEnd);
    // Lookahead: when the next note's marker comes first, this note's marker is missing (e.g. a note on the
    // whole letter) and the candidate found further on belongs to the text, not to this note.
    const next = span.number < spans.length ? findMarker(text, String(span.number + 1), pos, bodyEnd, prevEnd) : -1;
    const found = here >= 0 && !(next >= 0 && next < here);
    const noteText = text.slice(span.textStart, span.end);
    const firstCitationIndex = citeCtx.nextIndex;
    let citations: Citation[];
    try {
      citations = parseCitations(noteText, works, citeCtx);
    } catch (e) {
      if (!(e instanceof CitationError)) throw e;
      throw new CorpusError({
        code: 'unresolvable-citation',
        file,
        line: idx.lineOf(span.textStart + e.offset),
        entry: `${input.id} note ${num}`,
        message: e.message,
        hint: 'an ibid. needs a full archival citation before it in reading order',
      });
    }
    const footnote: ParsedFootnote = {
      number: span.number,
      text: noteText,
      loc: idx.locate(file, span.start, span.end),
      citations,
      firstCitationIndex,
    };
    if (found) {
      const block = [...blocks].reverse().find((b) => b.loc.offset <= here)!;
      footnote.marker = {
        offset: here,
        block: block.position,
        anchorText: anchorTextBefore(text, block.loc.offset, here),
      };
      pos = here + num.length;
      prevEnd = pos;
    } else {
      findings.push({
        code: 'marker-missing',
        file,
        line: footnote.loc.line,
        letter: input.id,
        footnote: span.number,
        message: `no marker for note ${span.number} was found in the text of ${input.id}; the note is kept without an anchor`,
      });
    }
    footnotes.push(footnote);
  }

  const textStart = bodyStart;
  return {
    id: input.id,
    ...(input.number !== undefined ? { number: input.number } : {}),
    file,
    loc: idx.locate(file, input.start, input.end),
    editorialDate,
    datelines,
    ...(blocks.find((b) => b.kind === 'salutation')
      ? {
          salutation: blocks
            .find((b) => b.kind === 'salutation')!
            .text.replace(/\s+\d+$/, '')
            .trim(),
        }
      : {}),
    signatures,
    blocks,
    text: text.slice(textStart, bodyEnd),
    textLoc: idx.locate(file, textStart, bodyEnd),
    footnotes,
  };
}

const DATE_LINE = /^(\[[^\]]+\]|\d{1,2} [A-Z][a-z]+ \[\d{4}\])(?:\s+\d+)?\s*$/;
const BIBLIOGRAPHY = /\bPp\.\s*\d/;

/** Parses one edition text. Throws CorpusError for text it cannot read; soft findings go into `findings`. */
export function parseEdition(
  file: string,
  text: string,
  layout: Layout,
  works: readonly WorkSpec[] = [],
): ParsedEdition {
  if (text.trim() === '') {
    throw new CorpusError({
      code: 'empty-source',
      file,
      line: 1,
      message: 'the edition text is empty',
      hint: 'copy the source text verbatim into this file',
    });
  }
  const idx = new LineIndex(text);
  const lines = splitLines(text);
  const findings: Finding[] = [];
  const citeCtx: CitationContext = { nextIndex: 0 };
  const letters: ParsedLetter[] = [];
  const trailer: ParsedEdition['trailer'] = [];

  const dateLineOf = (line: Line | undefined, id: string, headingLine: number): string => {
    const m = line ? DATE_LINE.exec(line.text) : null;
    if (!m) {
      throw new CorpusError({
        code: 'missing-date-line',
        file,
        line: line ? idx.lineOf(line.start) : headingLine,
        entry: id,
        message: `${id}: expected the editorial date (e.g. "[2 August 1930]") on this line, found "${(line?.text ?? '').slice(0, 60)}"`,
        hint: 'every letter starts with its editorial date line',
      });
    }
    return m[1]!;
  };

  if (layout.kind === 'numbered-letters') {
    const heading = new RegExp(`^${layout.heading} (\\d+)\\s*$`);
    const starts = lines.map((l, i) => ({ i, m: heading.exec(l.text) })).filter((x) => x.m);
    if (starts.length === 0) {
      throw new CorpusError({
        code: 'no-letters',
        file,
        line: 1,
        message: `no "${layout.heading} N" heading found`,
        hint: 'check editions.yaml layout.heading',
      });
    }
    checkHeadingSequence(
      file,
      lines,
      starts.map(({ i, m }) => ({ i, number: +m![1]! })),
      layout.heading,
    );
    starts.forEach(({ i, m }, k) => {
      const endLine = k + 1 < starts.length ? starts[k + 1]!.i : lines.length;
      const number = +m![1]!;
      const id = `${layout.idPrefix}${number}`;
      const segment = lines.slice(i + 1, endLine);
      const dateLine = segment[0];
      const datePrinted = dateLineOf(dateLine, id, i + 1);
      const rest = segment.slice(1);
      const firstNote = rest.findIndex((l) => /^1\.\s/.test(l.text));
      const bodyLines = firstNote < 0 ? rest : rest.slice(0, firstNote);
      const noteLines = firstNote < 0 ? [] : rest.slice(firstNote);
      letters.push(
        parseLetter(
          {
            id,
            number,
            start: lines[i]!.start,
            end: lines[endLine - 1]!.end,
            dateLine: dateLine!,
            datePrinted,
            bodyLines,
            noteLines,
          },
          text,
          idx,
          file,
          works,
          citeCtx,
          findings,
        ),
      );
    });
  } else {
    const first = lines.findIndex((l) => !isBlank(l));
    const datePrinted = dateLineOf(lines[first], layout.id, first + 1);
    let bodyEndLine = lines.length;
    while (
      bodyEndLine > first + 1 &&
      (isBlank(lines[bodyEndLine - 1]!) || BIBLIOGRAPHY.test(lines[bodyEndLine - 1]!.text))
    ) {
      const l = lines[--bodyEndLine]!;
      if (!isBlank(l)) trailer.unshift({ text: l.text, loc: idx.locate(file, l.start, l.end) });
    }
    letters.push(
      parseLetter(
        {
          id: layout.id,
          start: lines[first]!.start,
          end: lines[bodyEndLine - 1]!.end,
          dateLine: lines[first]!,
          datePrinted,
          bodyLines: lines.slice(first + 1, bodyEndLine),
          noteLines: [],
        },
        text,
        idx,
        file,
        works,
        citeCtx,
        findings,
      ),
    );
  }
  return { file, letters, trailer, findings };
}

/**
 * The letters' headings must number them one after another (the edition prints a run: "Letter 55" … "Letter 71").
 * A heading deleted, repeated or out of order is named at its source line here, before anything is read from the
 * letters: otherwise one letter swallows the next and 150 problems follow, none naming the line (issue 31).
 */
function checkHeadingSequence(
  file: string,
  lines: readonly Line[],
  starts: readonly { i: number; number: number }[],
  heading: string,
): void {
  const firstAt = new Map<number, number>();
  for (const [k, s] of starts.entries()) {
    const prev = starts[k - 1];
    const seen = firstAt.get(s.number);
    if (seen !== undefined) {
      throw new CorpusError({
        code: 'duplicate-heading',
        file,
        line: s.i + 1,
        entry: `${heading} ${s.number}`,
        message: `"${heading} ${s.number}" again (first at line ${seen + 1})`,
        hint: `remove the repeated heading, or correct its number (the letter after ${heading} ${prev?.number ?? s.number} is ${heading} ${(prev?.number ?? s.number) + 1})`,
      });
    }
    firstAt.set(s.number, s.i);
    if (!prev) continue;
    if (s.number < prev.number) {
      throw new CorpusError({
        code: 'heading-out-of-order',
        file,
        line: s.i + 1,
        entry: `${heading} ${s.number}`,
        message: `"${heading} ${s.number}" comes after "${heading} ${prev.number}" (line ${prev.i + 1})`,
        hint: `the letters run in the edition's order; ${heading} ${prev.number + 1} was expected here`,
      });
    }
    const expected = starts.slice(k + 1).find((x) => x.number === prev.number + 1);
    if (s.number > prev.number + 1 && expected) {
      throw new CorpusError({
        code: 'heading-out-of-order',
        file,
        line: s.i + 1,
        entry: `${heading} ${s.number}`,
        message: `"${heading} ${s.number}" comes before "${heading} ${expected.number}" (line ${expected.i + 1})`,
        hint: `the letters run in the edition's order; ${heading} ${prev.number + 1} was expected here`,
      });
    }
    if (s.number > prev.number + 1) {
      // where the lost heading stood: above the next editorial date line inside the previous letter (after its date)
      const date = lines.slice(prev.i + 2, s.i).findIndex((l) => DATE_LINE.test(l.text));
      const line = date >= 0 ? prev.i + 2 + date : s.i;
      const missing =
        prev.number + 1 === s.number - 1
          ? `${heading} ${prev.number + 1}`
          : `${heading} ${prev.number + 1}–${s.number - 1}`;
      throw new CorpusError({
        code: 'missing-heading',
        file,
        line: line + 1,
        entry: missing,
        message: `the heading "${missing}" is missing: "${heading} ${prev.number}" (line ${prev.i + 1}) is followed by "${heading} ${s.number}" (line ${s.i + 1})${date >= 0 ? "; a letter's date line stands here with no heading above it" : ''}`,
        hint: `restore the line "${heading} ${prev.number + 1}" above the letter's date`,
      });
    }
  }
}
