import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', array: true }) roles: string[];
  @Column({ type: 'text', name: 'unit_id', nullable: true }) unitId: string | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
