import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../actor';

/** The caller, as its token says; `username`/`createdAt` when the account is local (null for identity-provider users). */
export class MeDto {
  @ApiProperty({ example: 'office' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'office' })
  username: string | null;

  @ApiProperty({ example: '创建办' })
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ type: String, nullable: true })
  unitId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'sishui', description: 'the organization (tenant)' })
  organizationId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '济宁市泗水县', description: "the organization's name" })
  organizationName: string | null;

  @ApiProperty({ enum: ['province', 'city', 'county'], nullable: true, description: 'county: runs its campaigns; city/province: supervises its counties (read-only)' })
  organizationLevel: 'province' | 'city' | 'county' | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  createdAt: string | null;

  @ApiProperty({ description: 'true while the password is one someone else set (at creation, or a reset by the office): the web app asks to change it' })
  initialPassword: boolean;
}
