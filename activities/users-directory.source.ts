import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ListDirectory } from '../libs/notifications/src/recipients';
import { DirectorySource } from './notification-directory';

/** Interim directory from the users table (liaisons = the unit's users) until organizations carry unit duties. */
@Injectable()
export class UsersDirectorySource extends DirectorySource {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }
  async forCampaign(): Promise<{ organizationId: string | null; directory: ListDirectory }> {
    const rows: any[] = await this.ds.query(`SELECT id, name, roles, unit_id FROM users`);
    const people = rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles, unitId: r.unit_id, active: true, email: null, mobile: null }));
    const units = [...new Set(people.flatMap((p) => (p.unitId ? [p.unitId] : [])))].map((unitId) => ({ unitId, liaisons: people.filter((p) => p.unitId === unitId && p.roles.includes('unit')).map((p) => p.id), responsibleLeaders: [] }));
    return { organizationId: null, directory: new ListDirectory({ people, units }) };
  }
}
