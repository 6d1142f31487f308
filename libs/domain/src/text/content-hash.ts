/**
 * FNV-1a (32-bit, hex) of a string: a deterministic content hash workflows may compute (no Node crypto in the
 * workflow sandbox). Identifies a template's version in a TemplateRef; not a security hash.
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
