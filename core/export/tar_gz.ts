/**
 * A `.tar.gz` written by hand: POSIX ustar entries (with a pax header for
 * a path too long for ustar) compressed by the platform's gzip, so that
 * exporting needs no dependency.
 *
 * @module
 */

/** One entry of an archive: a folder (no `data`) or a file. */
export interface TarEntry {
  /** Path inside the archive, `/`-separated; a folder's may end with `/`. */
  readonly path: string;
  /** The file's bytes; absent for a folder. */
  readonly data?: Uint8Array;
}

/** Options of {@linkcode tarGz}. */
export interface TarOptions {
  /** Modification time of every entry (default: the epoch), so equal input gives equal bytes. */
  readonly mtime?: Date;
}

const _BLOCK = 512;
const _encoder = new TextEncoder();

/**
 * The bytes of a gzip-compressed tar archive of `entries`, in order: files
 * mode 0644, folders 0755, owner 0, one modification time. Equal input
 * gives equal bytes.
 *
 * @example
 * ```ts
 * import { tarGz } from "./tar_gz.ts";
 * const bytes = await tarGz([{ path: "b/" }, { path: "b/a.txt", data: new TextEncoder().encode("hi\n") }]);
 * if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error("not gzip");
 * ```
 */
export async function tarGz(
  entries: readonly TarEntry[],
  options: TarOptions = {},
): Promise<Uint8Array> {
  const mtime = Math.floor((options.mtime?.getTime() ?? 0) / 1000);
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const folder = entry.data === undefined;
    const path = folder && !entry.path.endsWith("/") ? `${entry.path}/` : entry.path;
    const data = entry.data ?? new Uint8Array(0);
    const split = _splitPath(path);
    if (!split) {
      // A pax extended header carries the full path; the ustar name is then a stand-in.
      const record = _paxRecord("path", path);
      parts.push(_header(_tail(`PaxHeaders/${path}`), "", record.length, "x", mtime, 0o644));
      parts.push(_padded(record));
    }
    const [prefix, name] = split ?? ["", _tail(path)];
    parts.push(
      _header(name, prefix, data.length, folder ? "5" : "0", mtime, folder ? 0o755 : 0o644),
    );
    if (!folder) parts.push(_padded(data));
  }
  parts.push(new Uint8Array(2 * _BLOCK));
  const tar = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    tar.set(p, at);
    at += p.length;
  }
  const gzipped = new Blob([tar]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(gzipped).arrayBuffer());
}

/** ustar's name (≤ 100 bytes) and prefix (≤ 155 bytes), split at a `/`; undefined when it cannot be. */
function _splitPath(path: string): [string, string] | undefined {
  const bytes = _encoder.encode(path).length;
  if (bytes <= 100) return ["", path];
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i), name = path.slice(i + 1);
    if (_encoder.encode(prefix).length <= 155 && _encoder.encode(name).length <= 100 && name) {
      return [prefix, name];
    }
  }
  return undefined;
}

/** The last ≤ 100 bytes' worth of a path, for a stand-in name. */
function _tail(path: string): string {
  let tail = path;
  while (_encoder.encode(tail).length > 100) tail = tail.slice(1);
  return tail;
}

/** `"<length> key=value\n"`, the length counting itself. */
function _paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  const size = _encoder.encode(body).length;
  let length = size + String(size).length;
  if (String(length).length !== String(size).length) length = size + String(length).length;
  return _encoder.encode(`${length}${body}`);
}

function _header(
  name: string,
  prefix: string,
  size: number,
  type: string,
  mtime: number,
  mode: number,
): Uint8Array {
  const h = new Uint8Array(_BLOCK);
  const put = (text: string, at: number, width: number) => {
    const bytes = _encoder.encode(text);
    if (bytes.length > width) throw new RangeError(`tar field too long: ${text}`);
    h.set(bytes, at);
  };
  const octal = (value: number, at: number, width: number) =>
    put(`${value.toString(8).padStart(width - 1, "0")}\0`, at, width);
  put(name, 0, 100);
  octal(mode, 100, 8);
  octal(0, 108, 8); // uid
  octal(0, 116, 8); // gid
  octal(size, 124, 12);
  octal(mtime, 136, 12);
  put("        ", 148, 8); // the checksum counts its own field as spaces
  put(type, 156, 1);
  put("ustar\u000000", 257, 8);
  put(prefix, 345, 155);
  const sum = h.reduce((s, b) => s + b, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

function _padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / _BLOCK) * _BLOCK);
  out.set(data);
  return out;
}
