import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant: a county/district runs campaigns; a city or province supervises its descendants read-only. */
@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) level: 'province' | 'city' | 'county';
  @Column({ type: 'text', name: 'parent_id', nullable: true }) parentId: string | null;
  @Column({ type: 'text', name: 'region_name', nullable: true }) regionName: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** A responsible unit (责任单位) of an organization; ids are the templates' unit ids. */
@Entity({ name: 'organization_units' })
export class OrganizationUnitEntity {
  @PrimaryColumn({ type: 'text', name: 'organization_id' }) organizationId: string;
  @PrimaryColumn({ type: 'text', name: 'unit_id' }) unitId: string;
  @Column({ type: 'text' }) name: string;
}

/** A unit member's designation: 联络员 (liaison) or 分管负责人 (responsible leader); several per unit allowed. */
@Entity({ name: 'unit_duties' })
export class UnitDutyEntity {
  @PrimaryColumn({ type: 'text', name: 'organization_id' }) organizationId: string;
  @PrimaryColumn({ type: 'text', name: 'unit_id' }) unitId: string;
  @PrimaryColumn({ type: 'text' }) duty: 'liaison' | 'responsible-leader';
  @PrimaryColumn({ type: 'text', name: 'user_id' }) userId: string;
  @Column({ type: 'text', name: 'assigned_by', nullable: true }) assignedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

/** Append-only log of account events (logins refused, lockouts, password changes, accounts created/deactivated, duties). */
@Entity({ name: 'account_events' })
export class AccountEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  @Column({ type: 'text', name: 'organization_id', nullable: true }) organizationId: string | null;
  @Column({ type: 'text', name: 'actor_id', nullable: true }) actorId: string | null;
  @Column({ type: 'text', name: 'subject_user_id', nullable: true }) subjectUserId: string | null;
  /** The username tried (login events), also for names that do not exist. */
  @Column({ type: 'text', nullable: true }) username: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text' }) outcome: 'accepted' | 'refused' | 'denied';
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail: Record<string, unknown> | null;
}

/** Failed sign-ins per username (existing or not, so lockout reveals nothing), for throttling and lockout. */
@Entity({ name: 'login_failures' })
export class LoginFailureEntity {
  @PrimaryColumn({ type: 'text' }) username: string;
  @Column({ type: 'integer' }) failures: number;
  @Column({ type: 'timestamptz', name: 'first_failed_at' }) firstFailedAt: Date;
  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true }) lockedUntil: Date | null;
}
