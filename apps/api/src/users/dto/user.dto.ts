import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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

/** GET /api/users: filters applied by the server, then one page of accounts ordered by username. */
export class UserQueryDto {
  @ApiPropertyOptional({ description: 'only accounts of this unit' }) @IsOptional() @IsString() @MaxLength(200) unitId?: string;
  @ApiPropertyOptional({ enum: ROLES, description: 'only accounts holding this role' }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'name or username contains this text (case-insensitive) / 姓名或用户名包含' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only active (true) or deactivated (false) accounts' }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

/** An account in the list, with whether the caller may manage it. */
export class UserListItemDto extends UserDto {
  @ApiProperty({ description: 'the caller may manage this account (deactivate / reactivate, reset its password): the access policy’s manage-account — admin any account, the office its own organization’s unit users' })
  manageable: boolean;
}

/** One page of accounts: `total` matching the filters, `items` from `offset` (at most `limit`). */
export class UserPageDto {
  @ApiProperty({ type: 'integer', description: 'accounts matching the filters' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: [UserListItemDto] }) items: UserListItemDto[];
}
