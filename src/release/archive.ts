// Reproducible compressed files: the same bytes in give the same bytes out, on any machine and at any time.
// gzip: no file name, modification time 0, the operating-system byte fixed (zlib writes the host's).
// tar: POSIX ustar, entries in the order given (the caller sorts them), fixed mode, owner 0/0 without names, and
// one modification time for every entry (the release date), so that nothing of the machine or the clock gets in.

import { gzipSync } from 'node:zlib';

const OS_UNIX = 3;

/** gzip without a name or a time in the header (RFC 1952: MTIME 0 = none); level 9. */
export function gzipReproducible(data: Uint8Array): Buffer {
  const gz = gzipSync(data, { level: 9 });
  // zlib writes ID1 ID2 CM FLG MTIME(4) XFL OS; FLG 0 (no name, comment, extra) and MTIME 0 already, OS varies
  gz.writeUInt32LE(0, 4);
  gz[9] = OS_UNIX;
  return gz;
}

export interface TarEntry {
  /** Path inside the archive; a folder ends with "/". */
  name: string;
  data?: Uint8Array;
}

function octal(value: number, width: number): string {
  const s = value.toString(8);
  if (s.length > width - 1) throw new Error(`tar: ${value} does not fit in ${width - 1} octal digits`);
  return `${s.padStart(width - 1, '0')}\0`;
}

function header(entry: TarEntry, mtime: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const dir = entry.name.endsWith('/');
  let name = entry.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    // ustar: split at a slash into prefix (≤ 155 bytes) and name (≤ 100 bytes)
    const cut = name.lastIndexOf('/', name.length - (dir ? 2 : 1));
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100)
      throw new Error(`tar: path too long: ${entry.name}`);
  }
  const size = dir ? 0 : (entry.data?.length ?? 0);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(dir ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  h.write(dir ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  // uname, gname empty; devmajor, devminor zero
  h.write(octal(0, 8), 329, 'ascii');
  h.write(octal(0, 8), 337, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A ustar archive of the entries, in the given order, every entry with modification time `mtime` (Unix seconds). */
export function tar(entries: readonly TarEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e, mtime));
    if (!e.name.endsWith('/') && e.data?.length) {
      parts.push(Buffer.from(e.data));
      const pad = (512 - (e.data.length % 512)) % 512;
      if (pad) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(1024, 0)); // two zero blocks end the archive
  return Buffer.concat(parts);
}
