import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DirectoryGroups } from './directory-groups.service';
import { DirectoryLoginService } from './directory-login.service';
import { InMemoryLoginAttempts, LoginAttempts, RedisLoginAttempts } from './login-attempts';
import { DirectorySettings } from './directory-settings';
import { DirectorySyncController } from './directory-sync.controller';
import { DirectorySyncJobs } from './directory-sync.jobs';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { DirectorySyncService } from './directory-sync.service';
import { EmployeeDirectory } from './employee-directory';
import { ManagerReaches } from './manager-reach.service';
import { EmployeeSessionSubjects } from './employee-session-subjects';
import { EmployeeImportService } from './employee-import.service';
import { EmployeeRepository } from './employee.repository';
import { EmployeeService } from './employee.service';
import { EmployeesController } from './employees.controller';
import { LdapConnector } from './ldap/ldap-connector';
import { LeaverOffboarding } from './leaver-offboarding';
import { LoginController } from './login.controller';
import { ServiceCatalog } from './service-catalog.service';
import { ServiceRepository } from './service.repository';
import { ServicesController } from './services.controller';

/**
 * Employees and services, directory sync and login, VPN-group writes. Other features import this module for
 * `EmployeeDirectory` (employee and service views, the employee row lock, `ensureService`), `DirectoryGroups` (VPN
 * group) and `DirectorySyncService` (the CLI). It imports no feature that imports it.
 */
@Module({
  controllers: [ServicesController, EmployeesController, DirectorySyncController, LoginController],
  providers: [
    { provide: DirectorySettings, inject: [AppConfig], useFactory: (config: AppConfig) => DirectorySettings.fromConfig(config) },
    LdapConnector,
    ServiceRepository,
    EmployeeRepository,
    DirectorySyncRunRepository,
    LeaverOffboarding,
    ServiceCatalog,
    EmployeeService,
    EmployeeImportService,
    EmployeeDirectory,
    ManagerReaches,
    EmployeeSessionSubjects,
    DirectorySyncService,
    DirectorySyncJobs,
    DirectoryGroups,
    DirectoryLoginService,
    {
      // several instances share one count of failed logins through Redis when the deployment has it
      provide: LoginAttempts,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.queue.kind === 'bullmq' ? new RedisLoginAttempts(config.queue.url, config.queue.prefix) : new InMemoryLoginAttempts(),
    },
  ],
  exports: [EmployeeDirectory, ManagerReaches, DirectoryGroups, DirectorySyncService, EmployeeImportService, DirectorySettings],
})
export class DirectoryModule {}
