/** Jobs of the VPN feature (payload types), recorded through the outbox or by schedules. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * Put the employee in the directory VPN group (an account became active). The handler converges on the
     * current state — member while one of the employee's accounts is active — so jobs that run late or out of
     * order never leave a stale membership. Job id: `vpn-group-add-<accountId>-<version>`.
     */
    'vpn.group-add': { employeeId: string; accountId: string };
    /** The same for a whole bulk-onboarding batch: one job, one directory modify for all (see VpnGroupSync.addMany). */
    'vpn.group-add-many': { employeeIds: string[]; accountIds: string[] };
    /** Take the employee out of the VPN group (suspension, revocation, offboarding); same convergence rule. */
    'vpn.group-remove': { employeeId: string; accountId: string | null };
    /** Daily: renew certificates close to expiry, revoke the ones they replaced once the grace period is over. */
    'vpn.renewal': { trigger: 'schedule' | 'manual' };
    /** Accounts whose certificate was revoked outside them (a laptop reported lost or stolen) follow it. */
    'vpn.reconcile-certificates': { trigger: 'schedule' | 'manual' };
  }
}
export {};
