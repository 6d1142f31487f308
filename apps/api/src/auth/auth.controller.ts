import { Body, Controller, Get, HttpCode, HttpException, Ip, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { ErrorDto } from '../common/error.dto';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username and password; returns a bearer token / 登录' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'missing or unknown fields' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'wrong username or password' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'password login disabled (JWT_JWKS_URL is set)' })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: 'too many attempts from this address, or the username is locked after repeated failures (Retry-After)' })
  @ApiErrors(413)
  async login(@Body() dto: LoginDto, @Ip() ip: string, @Res({ passthrough: true }) res: Response): Promise<LoginResponseDto> {
    try {
      return await this.auth.login(dto, ip ?? null);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 429) {
        const retry = (e.getResponse() as { retryAfter?: number }).retryAfter;
        if (retry) res.setHeader('Retry-After', String(retry));
      }
      throw e;
    }
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password (at least 8 characters, not containing the username); your other tokens stop working / 修改密码' })
  @ApiNoContentResponse({ description: 'changed; sign in again with the new password' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'current password wrong, or the new one breaks the policy (every problem listed)' })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'no, expired or invalid bearer token' })
  @ApiForbiddenResponse({ type: ErrorDto, description: 'the account is managed by the identity provider' })
  @ApiErrors(413)
  async changePassword(@CurrentUser() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user / 当前用户' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'no, expired or invalid bearer token' })
  @ApiErrors(400)
  me(@CurrentUser() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }
}
