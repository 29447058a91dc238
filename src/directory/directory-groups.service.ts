import { Injectable, Logger } from '@nestjs/common';
import { Attribute, Change, NoSuchAttributeError, TypeOrValueExistsError } from 'ldapts';
import { NotFound } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { EmployeeRepository } from './employee.repository';
import { LdapConnector, personFilter, unavailable } from './ldap/ldap-connector';

export type VpnGroupResult = 'added' | 'already_member' | 'removed' | 'not_member' | 'not_configured' | 'not_in_directory';

/**
 * Membership of the VPN group, written for the VPN feature (onboarding adds, offboarding removes). Idempotent:
 * adding a member who is there, or removing one who is not, is success. Without a directory (or without a VPN
 * group in the profile) it is a no-op that says so. On groupOfNames the group keeps at least one member (the
 * schema requires one): give it a placeholder member when it is created.
 */
@Injectable()
export class DirectoryGroups {
  private readonly logger = new Logger('DirectoryGroups');

  constructor(
    private readonly ldap: LdapConnector,
    private readonly employees: EmployeeRepository,
  ) {}

  addToVpnGroup(employeeId: string, tx?: Tx): Promise<VpnGroupResult> {
    return this.change('add', employeeId, tx);
  }

  removeFromVpnGroup(employeeId: string, tx?: Tx): Promise<VpnGroupResult> {
    return this.change('delete', employeeId, tx);
  }

  private async change(operation: 'add' | 'delete', employeeId: string, tx?: Tx): Promise<VpnGroupResult> {
    if (!this.ldap.configured) return 'not_configured';
    const group = this.ldap.require().profile.vpnGroup;
    if (!group) return 'not_configured';
    const employee = await this.employees.findById(employeeId, tx);
    if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    return this.ldap.asService(async (client, profile) => {
      let value: string | null = null;
      if (group.memberValue === 'username') {
        value = employee.username;
      } else if (employee.directoryDn) {
        value = employee.directoryDn;
      } else if (employee.username) {
        // Not synced (CSV or manual employee): find the entry by login.
        const found = await client
          .search(profile.userBaseDn, {
            scope: 'sub',
            filter: personFilter(profile, profile.attributes.username, employee.username),
            attributes: ['1.1'],
            sizeLimit: 2,
          })
          .catch((err: unknown) => {
            throw unavailable(err, 'the user search failed');
          });
        value = found.searchEntries.length === 1 ? found.searchEntries[0].dn : null;
      }
      if (!value) return 'not_in_directory';
      try {
        await client.modify(group.dn, new Change({ operation, modification: new Attribute({ type: group.memberAttribute, values: [value] }) }));
        this.logger.log({ employeeId, operation, group: group.dn }, 'VPN group membership changed');
        return operation === 'add' ? 'added' : 'removed';
      } catch (err) {
        if (operation === 'add' && err instanceof TypeOrValueExistsError) return 'already_member';
        if (operation === 'delete' && err instanceof NoSuchAttributeError) return 'not_member';
        throw unavailable(err, `the VPN group could not be changed`);
      }
    });
  }
}
