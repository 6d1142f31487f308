import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_OUTCOMES, ORGANIZATION_LEVELS } from '@eco/domain';

export class PersonDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}

export class MemberDto extends PersonDto {
  @ApiProperty() active: boolean;
}

/** A unit of the organization with its members, liaisons (联络员) and responsible leaders (分管负责人). */
export class OrganizationUnitDto {
  @ApiProperty({ example: 'sx-tjj' }) unitId: string;
  @ApiProperty({ example: '县统计局' }) name: string;
  @ApiProperty({ type: [MemberDto] }) members: MemberDto[];
  @ApiProperty({ type: [PersonDto] }) liaisons: PersonDto[];
  @ApiProperty({ type: [PersonDto] }) responsibleLeaders: PersonDto[];
}

export class OrganizationDto {
  @ApiProperty({ example: 'sishui' }) id: string;
  @ApiProperty({ example: '泗水县' }) name: string;
  @ApiProperty({ enum: ORGANIZATION_LEVELS }) level: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty({ type: String, nullable: true }) regionName: string | null;
}

export class OrganizationUnitsDto {
  @ApiProperty({ type: OrganizationDto }) organization: OrganizationDto;
  @ApiProperty({ type: [OrganizationUnitDto] }) units: OrganizationUnitDto[];
}

/** 账号审计 — one account event. */
export class AccountEventDto {
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty({ example: 'login-refused' }) action: string;
  @ApiProperty({ enum: AUDIT_OUTCOMES }) outcome: string;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detail: Record<string, unknown> | null;
}
