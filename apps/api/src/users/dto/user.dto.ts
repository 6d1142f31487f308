import { ApiProperty } from '@nestjs/swagger';
import type { UserEntity } from '@eco/persistence';
import { ROLES, type Role } from '../../auth/actor';

/** A user account as the API shows it (never the password hash). */
export class UserDto {
  @ApiProperty({ example: 'yz-sthj', description: 'user id (= the username given at creation; `sub` of its tokens)' })
  id: string;

  @ApiProperty({ example: 'yz-sthj' })
  username: string;

  @ApiProperty({ example: '市生态环境局兖州区分局' })
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['unit'] })
  roles: Role[];

  @ApiProperty({ type: String, nullable: true, example: 'yz-sthj', description: 'the unit a unit user acts for' })
  unitId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'sishui', description: 'the organization (tenant); null for system administrators' })
  organizationId: string | null;

  @ApiProperty({ description: 'false once deactivated: cannot sign in, tokens refused' })
  active: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'tjj@example.gov.cn' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '13800000000' })
  phone: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    roles: u.roles as Role[],
    unitId: u.unitId ?? null,
    organizationId: u.organizationId ?? null,
    active: u.active ?? true,
    email: u.email ?? null,
    phone: u.phone ?? null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}
