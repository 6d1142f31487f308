import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { AuthService } from './auth.service';
import { JwksKeyStore } from './jwks-key-store';
import { RolesGuard } from './roles.guard';
import { SessionCache } from './session-cache';
import { TenancyService } from './tenancy.service';
import { JWKS_KEY_STORE, TokenService } from './token.service';

/**
 * Bearer-token authentication for every route (AuthGuard, then RolesGuard for @Roles), password
 * login and /api/me. Routes opt out with @Public(). Global: TenancyService decides who sees which campaign.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    { provide: JWKS_KEY_STORE, inject: [APP_CONFIG], useFactory: (c: AppConfig) => (c.JWT_JWKS_URL ? new JwksKeyStore(c.JWT_JWKS_URL) : null) },
    TokenService,
    Authenticator,
    AuthService,
    TenancyService,
    SessionCache,
    // Order matters: authentication first, then the role check.
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenService, TenancyService, SessionCache, Authenticator],
})
export class AuthModule {}
