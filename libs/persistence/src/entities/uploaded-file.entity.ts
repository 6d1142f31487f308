import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded evidence file (支撑材料): metadata here, bytes in the content-addressed blob store under `sha256`. */
@Entity({ name: 'uploaded_files' })
@Index(['campaignId', 'taskId'])
export class UploadedFileEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'campaign_id' }) campaignId: string;
  @Column({ type: 'text', name: 'task_id' }) taskId: string;
  @Column({ type: 'text', name: 'unit_id', nullable: true }) unitId: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size: number;
  @Column({ type: 'text', name: 'media_type' }) mediaType: string;
  @Column({ type: 'text', name: 'file_type' }) fileType: string;
  @Column({ type: 'text' }) sha256: string;
  /** Which store held it when uploaded ('fs' | 's3'). */
  @Column({ type: 'text' }) storage: string;
  @Column({ type: 'text', name: 'uploaded_by' }) uploadedBy: string;
  @Column({ type: 'text', name: 'uploaded_by_name' }) uploadedByName: string;
  /** The uploader's unit (null: office, leaders, inspectors): an unsent file is that unit's draft to list and delete. */
  @Column({ type: 'text', name: 'uploaded_by_unit_id', nullable: true }) uploadedByUnitId: string | null;
  @Column({ type: 'timestamptz', name: 'uploaded_at', default: () => 'now()' }) uploadedAt: Date;
}
