import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CustomTemplateEntity } from '../entities/custom-template.entity';

/** What template lists show, read from the stored JSON without loading whole bodies. */
export interface CustomTemplateSummary {
  id: string;
  name: string;
  region: string;
  kind: string;
  indicatorCount: number;
  unitCount: number;
  createdBy: string | null;
  /** The owning organization (null: shared). */
  organizationId: string | null;
  createdAt: Date;
}

/** Templates created through the API (table custom_templates); bodies are validated before they get here. */
@Injectable()
export class TemplateRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Store a template; false (nothing changed) when the id exists already. */
  async insert(id: string, body: Record<string, unknown>, createdBy: string | null, organizationId: string | null = null): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO custom_templates (id, body, created_by, organization_id) VALUES ($1, $2::jsonb, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, JSON.stringify(body), createdBy, organizationId],
    );
    return rows.length > 0;
  }

  get(id: string): Promise<CustomTemplateEntity | null> {
    return this.ds.getRepository(CustomTemplateEntity).findOne({ where: { id } });
  }

  async summaries(): Promise<CustomTemplateSummary[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT id, body->>'name' AS name, body->'region'->>'name' AS region, body->>'kind' AS kind,
              jsonb_array_length(COALESCE(body->'indicators', '[]'::jsonb)) AS indicator_count,
              jsonb_array_length(COALESCE(body->'units', '[]'::jsonb)) AS unit_count,
              created_by, organization_id, created_at
       FROM custom_templates ORDER BY id`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: (r.name as string) ?? '',
      region: (r.region as string) ?? '',
      kind: (r.kind as string) ?? '',
      indicatorCount: Number(r.indicator_count),
      unitCount: Number(r.unit_count),
      createdBy: (r.created_by as string | null) ?? null,
      organizationId: (r.organization_id as string | null) ?? null,
      createdAt: r.created_at as Date,
    }));
  }
}
