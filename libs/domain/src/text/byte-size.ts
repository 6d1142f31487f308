/**
 * A size as people read it — 50 MB, 1.5 MB, 512 KB, 300 B (binary units, one decimal at most): the upload limits the
 * web's picker states and checks, and the API's 413 names.
 */
export function byteSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}
