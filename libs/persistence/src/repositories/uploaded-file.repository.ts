import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { UploadedFileEntity } from '../entities/uploaded-file.entity';

@Injectable()
export class UploadedFileRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(UploadedFileEntity);
  }

  async insert(rows: Omit<UploadedFileEntity, 'uploadedAt'>[]): Promise<UploadedFileEntity[]> {
    if (!rows.length) return [];
    await this.repo.insert(rows);
    return this.repo.find({ where: { id: In(rows.map((r) => r.id)) }, order: { uploadedAt: 'ASC' } });
  }

  get(campaignId: string, id: string): Promise<UploadedFileEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.repo.findOne({ where: { campaignId, id } });
  }

  async byIds(campaignId: string, ids: string[]): Promise<UploadedFileEntity[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return this.repo.find({ where: { campaignId, id: In(valid) } });
  }

  forTask(campaignId: string, taskId: string): Promise<UploadedFileEntity[]> {
    return this.repo.find({ where: { campaignId, taskId }, order: { uploadedAt: 'ASC', name: 'ASC' } });
  }

  /**
   * Deletes a file row (an unsent file removed by its unit). False when it was referenced by a submission meanwhile:
   * the table's trigger refuses deleting a file a task of the campaign references (integrity_constraint_violation).
   */
  async remove(campaignId: string, id: string): Promise<'deleted' | 'gone' | 'referenced'> {
    try {
      const r = await this.repo.delete({ campaignId, id });
      return r.affected ? 'deleted' : 'gone';
    } catch (e) {
      if ((e as { driverError?: { code?: string }; code?: string }).driverError?.code === '23000' || (e as { code?: string }).code === '23000') return 'referenced';
      throw e;
    }
  }

  forCampaign(campaignId: string): Promise<UploadedFileEntity[]> {
    return this.repo.find({ where: { campaignId }, order: { taskId: 'ASC', uploadedAt: 'ASC' } });
  }
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
