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

/** A name safe inside a zip / on a filesystem (no separators or control characters), keeping Chinese. */
export function safePathSegment(s: string, max = 120): string {
  const cleaned = s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').trim();
  return (cleaned || '_').slice(0, max);
}
