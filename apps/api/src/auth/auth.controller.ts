import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
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
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user / 当前用户' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: 'no, expired or invalid bearer token' })
  me(@CurrentUser() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor);
  }
}
