/**
 * Organizations (tenants) and their units, derived from the built-in templates' regions: each template's region is a
 * county/district organization holding the template's units, under its city, under its province (the supervisors).
 * Idempotent; run by the start script (always) and the e2e setup. Unit ids are the templates' own.
 */
import { DataSource } from 'typeorm';
import type { Organization, CampaignTemplate } from '@eco/domain';
import { OrganizationRepository } from '@eco/persistence';
import { loadBuiltInTemplates } from '@eco/templates';

/** Ids of the supervising organizations the built-in regions belong to. */
const PROVINCE_IDS: Record<string, string> = { 山东省: 'shandong' };
const CITY_IDS: Record<string, string> = { 济南市: 'jinan', 济宁市: 'jining', 青岛市: 'qingdao' };

/** The county organization id of a template: its id's first word (`sishui-2023` → `sishui`). */
export function organizationIdOfTemplate(t: Pick<CampaignTemplate, 'id'>): string {
  return t.id.split('-')[0];
}

export interface OrganizationSeed {
  organizations: Organization[];
  /** Units per county organization. */
  units: Map<string, { unitId: string; name: string }[]>;
}

/** The organizations and units the built-in templates imply (pure). */
export function organizationsOf(templates: CampaignTemplate[]): OrganizationSeed {
  const orgs = new Map<string, Organization>();
  const units = new Map<string, { unitId: string; name: string }[]>();
  for (const t of templates) {
    const r = t.region as { name: string; province?: string; city?: string; county?: string };
    const provinceId = r.province ? PROVINCE_IDS[r.province] : undefined;
    const cityId = r.city ? CITY_IDS[r.city] : undefined;
    if (provinceId && r.province && !orgs.has(provinceId)) orgs.set(provinceId, { id: provinceId, name: r.province, level: 'province', parentId: null, regionName: null });
    if (cityId && r.city && !orgs.has(cityId)) orgs.set(cityId, { id: cityId, name: r.city, level: 'city', parentId: provinceId ?? null, regionName: null });
    const id = organizationIdOfTemplate(t);
    orgs.set(id, { id, name: r.name, level: 'county', parentId: cityId ?? provinceId ?? null, regionName: r.name });
    const list = units.get(id) ?? [];
    for (const u of t.units) if (!list.some((x) => x.unitId === u.id)) list.push({ unitId: u.id, name: u.name });
    units.set(id, list);
  }
  // Parents before children (foreign key).
  const rank = { province: 0, city: 1, county: 2 } as const;
  return { organizations: [...orgs.values()].sort((a, b) => rank[a.level] - rank[b.level] || a.id.localeCompare(b.id)), units };
}

/** Upsert the organizations and units of the built-in templates. Returns the seed applied. */
export async function seedOrganizations(ds: DataSource, templateDir?: string): Promise<OrganizationSeed> {
  const seed = organizationsOf(await loadBuiltInTemplates(templateDir));
  const repo = new OrganizationRepository(ds);
  for (const o of seed.organizations) await repo.upsert(o);
  for (const [orgId, list] of seed.units) await repo.upsertUnits(orgId, list);
  await repo.attributeLegacyCampaigns();
  return seed;
}

/** seedOrganizations on a database URL (e2e setup). */
export async function seedOrganizationsAt(url: string): Promise<void> {
  const { dataSourceOptions } = await import('@eco/persistence');
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await seedOrganizations(ds);
  } finally {
    await ds.destroy();
  }
}
