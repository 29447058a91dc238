/**
 * Refusals that change nothing a decision reads, so the memo keeps everything across them: each is recorded in a
 * transaction of its own after the refused unit rolled back (AuditService.recordAlone), or, for a refused directory
 * sync, with nothing but its run's row. At 8:30 they come with the logins (a directory login in no mapped group)
 * and the desks' mistakes, and each one emptied the memo. Not vpn.account.resume-refused: it is written inside the
 * agreement's resumption, beside the changes it goes with. test/repo/change-nothing-refusals.spec.ts checks that each
 * is recorded that way.
 */
export const CHANGE_NOTHING: ReadonlySet<string> = new Set([
  'agreement.countersignature_refused',
  'auth.login_refused',
  'certificate.release-hold-refused',
  'certificate.revoke-refused',
  'directory.sync_refused',
  'employee.change_refused',
  'employee.reach_refused',
  'handover.refused',
  'vpn.account.bulk-onboard-refused',
]);
