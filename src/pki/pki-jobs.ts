/** Work other features hand to the PKI through the outbox. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * A laptop was reported lost or stolen (inventory): revoke every valid station certificate bound to it with
     * reason keyCompromise and rebuild the CRL at once. Job id: `pki-compromised-<assetId>-<reportId>`.
     */
    'pki.station-compromised': { assetId: string; reportedAt: string };
  }
}
export {};
