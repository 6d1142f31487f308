import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', array: true }) roles: string[];
  @Column({ type: 'text', name: 'unit_id', nullable: true }) unitId: string | null;
  /** The tenant; null only for system administrators. */
  @Column({ type: 'text', name: 'organization_id', nullable: true }) organizationId: string | null;
  /** Deactivated accounts cannot sign in and their tokens stop working at once. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  /** Tokens issued before this instant are refused (set on password change/reset and deactivation). */
  @Column({ type: 'timestamptz', name: 'tokens_valid_after', nullable: true }) tokensValidAfter: Date | null;
  @Column({ type: 'timestamptz', name: 'password_changed_at', nullable: true }) passwordChangedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
