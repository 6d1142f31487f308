/**
 * Names for ids (units from the templates, users from the user list when the caller may read it) and the server's
 * configuration the screens follow (the upload policy), cached per page load.
 */
import { request } from './api/client';
import type { TemplateDetail, TemplateSummary, UploadPolicy, UserInfo, UserPage } from './api/types';

const details = new Map<string, Promise<TemplateDetail>>();
let summaries: Promise<TemplateSummary[]> | null = null;

export function templateSummaries(): Promise<TemplateSummary[]> {
  summaries ??= request<TemplateSummary[]>('templates').catch((e) => {
    summaries = null;
    throw e;
  });
  return summaries;
}

export function templateDetail(id: string): Promise<TemplateDetail> {
  let p = details.get(id);
  if (!p) {
    p = request<TemplateDetail>('template', { params: { id } });
    p.catch(() => details.delete(id));
    details.set(id, p);
  }
  return p;
}

let policy: Promise<UploadPolicy> | null = null;

/** What the server accepts as 支撑材料 (GET /api/files/policy): its configuration, asked once (again after a failure). */
export function uploadPolicy(): Promise<UploadPolicy> {
  policy ??= request<UploadPolicy>('uploadPolicy').catch((e) => {
    policy = null;
    throw e;
  });
  return policy;
}

let unitNames: Promise<Map<string, string>> | null = null;

/** unit id → full name, across every template (a unit id is unique to its region). */
export function unitNameMap(): Promise<Map<string, string>> {
  unitNames ??= (async () => {
    const m = new Map<string, string>();
    const list = await templateSummaries();
    const all = await Promise.all(list.map((t) => templateDetail(t.id).catch(() => null)));
    for (const t of all) for (const u of t?.units ?? []) m.set(u.id, u.name);
    return m;
  })().catch((e) => {
    unitNames = null;
    throw e;
  });
  return unitNames;
}

let users: Promise<Map<string, UserInfo>> | null = null;

/** user id → account, the first 500 of the organization (only for USER_LISTERS: the API answers 403 to the others). */
export function userMap(): Promise<Map<string, UserInfo>> {
  users ??= request<UserPage>('users', { query: { limit: 500 } })
    .then((p) => new Map(p.items.map((u) => [u.id, u])))
    .catch(() => new Map());
  return users;
}

export function resetDirectory() {
  users = null;
}
