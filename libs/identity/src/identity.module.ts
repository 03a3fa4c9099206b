import { AuditModule } from '@app/audit';
import { MunicipalityModule } from '@app/municipality';
import { OrganizationModule } from '@app/organization';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccessGuard, APP_CONFIG, AppConfig, installTenantScope } from '@app/common';
import { AuthMiddleware } from './auth.middleware';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { RateLimits } from './rate-limits';
import { SessionRepository } from './session.repository';
import { TokenService } from './token.service';
import { UserRepository } from './user.repository';
import { UserResolver } from './user.resolver';
import { UserService } from './user.service';

/** Users, sign-in, sessions and the access guard every operation passes (deny by default). */
@Module({
  imports: [MunicipalityModule, OrganizationModule, AuditModule],
  providers: [
    AuthService,
    UserService,
    TokenService,
    RateLimits,
    UserRepository,
    SessionRepository,
    AuthResolver,
    UserResolver,
    AuthMiddleware,
    { provide: APP_GUARD, useClass: AccessGuard },
    // From here on, every statement a request sends runs as the application role under its tenant.
    {
      provide: 'TENANT_SCOPE',
      inject: [DataSource, APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        installTenantScope(dataSource, config.queryTimeoutMs),
    },
  ],
  exports: [AuthService, UserService, AuthMiddleware, RateLimits],
})
export class IdentityModule {}
