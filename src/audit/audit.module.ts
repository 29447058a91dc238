import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditKey } from './audit-key';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditKey, AuditRepository, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
