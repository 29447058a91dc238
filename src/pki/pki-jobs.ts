/** A laptop reported lost or stolen (inventory). */
export interface StationCompromisedJob {
  assetId: string;
  reportedAt: string;
}

/** A laptop back from its holder (inventory: handover return). */
export interface StationReturnedJob {
  assetId: string;
  returnedAt: string;
}

/** Work other features hand to the PKI through the outbox. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * A laptop was reported lost or stolen (inventory): revoke every valid station certificate bound to it with
     * reason keyCompromise and rebuild the CRL at once. Job id: `pki-compromised-<assetId>-<reportId>`.
     */
    'pki.station-compromised': StationCompromisedJob;
    /**
     * A laptop came back from its holder (inventory: handover return, to stock or to repair): revoke every station
     * certificate still bound to it (valid or on hold) with reason cessationOfOperation and rebuild the CRL at once.
     * Job id: `pki-returned-<assetId>-<returnId>`.
     */
    'pki.station-returned': StationReturnedJob;
    /**
     * Rebuild the CRL if it no longer reflects the certificates (recorded with every status change, so a
     * committed revocation reaches the CRL even if the process stops first) or, from the schedule, if it is
     * getting old. Handlers skip when the published CRL is already current.
     */
    'pki.crl-rebuild': { trigger: 'revocation' | 'schedule' };
  }
}
