import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Templates created through the API (JSON or imported .xlsx); built-in ones ship as files. */
@Entity({ name: 'custom_templates' })
export class CustomTemplateEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'jsonb' }) body: Record<string, unknown>;
  @Column({ type: 'text', name: 'created_by', nullable: true }) createdBy: string | null;
  /** The organization that imported it (null: shared with every organization, like the built-in templates). */
  @Column({ type: 'text', name: 'organization_id', nullable: true }) organizationId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
