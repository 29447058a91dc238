import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenRepository } from './api-token.repository';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session.controller';
import { SessionSubjects } from './session-subjects';
import { TokenProvenance } from './token-provenance';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

@Global()
@Module({
  controllers: [TokensController, SessionController],
  providers: [ApiTokenRepository, TokenService, SessionSubjects, TokenProvenance, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, SessionSubjects, TokenProvenance],
})
export class AuthModule {}
