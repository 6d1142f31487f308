/**
 * A file's own address for the browser to open (预览 in a tab, 下载): `/api/file-links/<token>/<file name>`. A tab
 * cannot send the bearer header, and a blob: address named the PDF viewer's title and its 另存为 after a random id
 * (walkthrough: 5c775f24-….pdf): this address ends with the file's name, and the answer's Content-Disposition carries it
 * too. The token is issued to a signed-in reader (GET …/files/:fileId/link, access checked), signed with a key derived
 * from JWT_SECRET, bound to the file, the reader and preview-or-download, and short-lived; opening it checks access
 * again, as the reader now, and is audited (预览材料 / 下载材料) as any download.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { Actor } from '../auth/actor';

/** How long an issued address opens (the PDF viewer fetches again to save). */
export const FILE_LINK_SECONDS = 10 * 60;

export interface FileLinkClaims {
  /** campaign, task (the one the reader reads through), file */
  c: string;
  t: string;
  f: string;
  /** 'task': a file of the task itself; 'origin': of the opinion behind this 整改 */
  k: 'task' | 'origin';
  /** preview (inline) or download (attachment) */
  p: boolean;
  /** the reader as signed in when it was issued (access is checked again when opened) */
  a: Pick<Actor, 'id' | 'name' | 'roles' | 'unitId' | 'organizationId'>;
  /** issued at / expires (epoch ms) */
  iat: number;
  exp: number;
}

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('eco file link v1').digest();
}

export function signFileLink(secret: string, claims: FileLinkClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', key(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The claims of a genuine, unexpired token; null otherwise. */
export function verifyFileLink(secret: string, token: string, now = Date.now()): FileLinkClaims | null {
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return null;
  const want = createHmac('sha256', key(secret)).update(m[1]).digest();
  const got = Buffer.from(m[2], 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const c = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as FileLinkClaims;
    if (typeof c.exp !== 'number' || c.exp < now) return null;
    return c;
  } catch {
    return null;
  }
}

/** The address path: the token, then the file's name as the last segment (what the browser shows and saves). */
export function fileLinkPath(token: string, name: string): string {
  return `/api/file-links/${token}/${encodeURIComponent(name)}`;
}
