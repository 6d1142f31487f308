/** Content-Disposition that keeps non-ASCII (Chinese) file names: an ASCII fallback plus RFC 5987 filename*. */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const clean = fileName.replace(/[\r\n"\\/]/g, '_');
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/%/g, '_') || 'file';
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

/** RFC 5987 ext-value encoding: percent-encode everything outside attr-char. */
export function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Names Windows reserves for devices, whatever follows the first dot (CON.PDF, nul.tar.gz): such a file cannot be extracted. */
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$/i;

/** A stem (a name without its extension) that Windows and every unzip tool accept: no trailing dots or spaces, no device name. */
function windowsSafe(stem: string): string {
  const s = stem.replace(/[. ]+$/, '');
  return WINDOWS_RESERVED.test(s.split('.')[0].trimEnd()) ? `_${s}` : s;
}

/** Separators, characters Windows refuses, control characters: each becomes `_`. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * A name safe inside a zip / on any file system (no separators or control characters, no leading dot, no trailing dot
 * or space, no Windows device name), keeping Chinese: a folder of the 申报材料包.
 */
export function safePathSegment(s: string, max = 120): string {
  const cleaned = windowsSafe(s.replace(UNSAFE, '_').trim().replace(/^\.+/, '_'));
  return windowsSafe((cleaned || '_').slice(0, max)) || '_';
}

/**
 * A file's name in the 申报材料包: safe as safePathSegment and keeping its extension — a name of spaces becomes 未命名.pdf
 * (not `_pdf`), a device name is prefixed (CON.PDF → _CON.PDF), a long one is shortened before the extension. `fallback`:
 * the stem when nothing usable is left.
 */
export function safeFileName(name: string, max = 120, fallback = '未命名'): string {
  const cleaned = name.replace(UNSAFE, '_').trim().replace(/[. ]+$/, '');
  const m = /^(.*)\.([^.\s]{1,16})$/.exec(cleaned);
  const ext = m ? `.${m[2]}` : '';
  const bare = (m ? m[1] : cleaned).trim();
  // a stem of dots alone is no name (「..pdf」); a leading dot would hide the file on Unix (「.台账.pdf」 → 「_台账.pdf」)
  const stem = windowsSafe((/^\.*$/.test(bare) ? '' : bare.replace(/^\.+/, '_')).slice(0, Math.max(1, max - ext.length)));
  return `${stem || fallback}${ext}`;
}

/** `name` numbered before its extension (a second 照片.jpg in one folder: 照片(2).jpg). */
export function numberedFileName(name: string, n: number): string {
  const m = /^(.*)(\.[^.\s]{1,16})$/.exec(name);
  return m ? `${m[1]}(${n})${m[2]}` : `${name}(${n})`;
}
