import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the vpn feature: kind (hence HTTP status) and English default message. */
export const VPN_ERRORS = defineErrors({
  BULK_ONBOARDING_REFUSED: {
    kind: 'rule',
    message: '{problems} of {items} items cannot be onboarded; nothing was written',
    it: "Alcune attivazioni dell'elenco non sono possibili; non è stato registrato nulla",
  },
  CSR_OR_GENERATED_KEY_REQUIRED: {
    kind: 'validation',
    message: 'Give a CSR or ask for a generated key, not both and not neither',
    it: 'Fornire una richiesta di certificato oppure chiedere una chiave generata: una delle due, non entrambe',
  },
  DUPLICATE_IN_BATCH: {
    kind: 'rule',
    message: 'The same employee and profile appear twice in the batch',
    it: "Lo stesso dipendente con lo stesso profilo compare due volte nell'elenco",
  },
  EMPLOYEE_HAS_NO_USERNAME: {
    kind: 'rule',
    message: 'The employee has no directory username: a VPN account needs one',
    it: "Il dipendente non ha un nome utente di rete utilizzabile: un'utenza VPN ne richiede uno",
  },
  GATEWAY_CREDENTIAL_NOT_FOUND: { kind: 'not_found', message: 'Gateway {id} has no credential to revoke', it: 'Il gateway VPN non ha credenziali da revocare' },
  GATEWAY_IN_USE: {
    kind: 'conflict',
    message: 'Gateway {name} has accounts of profile {profile}: create a new gateway for {profile}',
    it: 'Il gateway VPN ha utenze del suo profilo attuale[ ({profile})]: per un altro profilo creare un nuovo gateway',
  },
  GATEWAY_NAME_TAKEN: { kind: 'conflict', message: 'A gateway named {name} already exists', it: 'Esiste già un gateway VPN con questo nome[ ({name})]' },
  GATEWAY_NOT_OWN: {
    kind: 'forbidden',
    message: 'A gateway credential may act only for its own gateway',
    it: 'La credenziale di un gateway VPN può agire solo per il proprio gateway',
  },
  INVALID_BUNDLE_OPTION: { kind: 'validation', message: 'The bundle option is not valid', it: "Un'opzione del pacchetto di installazione non è valida" },
  INVALID_GATEWAY_HOST: { kind: 'validation', message: 'The gateway host is not valid', it: "L'indirizzo del gateway VPN non è valido" },
  INVALID_GATEWAY_NETWORKS: { kind: 'validation', message: 'The networks of the gateway are not valid', it: 'Le reti del gateway VPN non sono valide' },
  MANAGER_APPROVAL_ALREADY_DECIDED: {
    kind: 'conflict',
    message: 'The manager has already decided on this VPN request',
    it: 'Il dirigente si è già espresso su questa richiesta VPN[ ({decision})]',
  },
  MANAGER_APPROVAL_NOT_ENABLED: {
    kind: 'rule',
    message: 'This municipality does not ask managers to approve VPN requests (VPN_MANAGER_APPROVAL is off)',
    it: "In questo ente le richieste VPN non richiedono l'approvazione del dirigente",
  },
  MANAGER_APPROVAL_PENDING: {
    kind: 'rule',
    message: "The manager of the employee's service has not approved this VPN request yet",
    it: 'Il dirigente del servizio non ha ancora approvato questa richiesta VPN',
  },
  MANAGER_APPROVAL_REFUSED: {
    kind: 'rule',
    message: "The manager of the employee's service refused this VPN request: revoke it, a new request starts again",
    it: 'Il dirigente del servizio ha rifiutato questa richiesta VPN: revocarla; una nuova richiesta ricomincia da capo',
  },
  NO_GATEWAY_FOR_PROFILE: {
    kind: 'rule',
    message: 'No enabled gateway serves the VPN profile {profile}',
    it: 'Nessun gateway VPN attivo serve il profilo VPN[ {profile}]',
  },
  STATION_CHANGED: {
    kind: 'conflict',
    message: 'The laptop record changed while the certificate was prepared; try again',
    it: 'I dati del portatile sono cambiati mentre si preparava il certificato; riprovare',
  },
  STATION_NOT_A_LAPTOP: {
    kind: 'rule',
    message: 'Asset {assetTag} is a {kind}: station certificates are for laptops',
    it: 'Il bene indicato non è un portatile[ ({kind})]: i certificati di postazione sono solo per i portatili',
  },
  STATION_NOT_FOUND: { kind: 'not_found', message: 'No asset {stationAssetId} in the inventory', it: "Il bene[ {stationAssetId}] non è nell'inventario" },
  STATION_NOT_HELD_BY_EMPLOYEE: {
    kind: 'rule',
    message: 'Laptop {assetTag} is not in the hands of this employee (hand it over first)',
    it: 'Il portatile non è in consegna a questo dipendente (registrare prima la consegna)',
  },
  UNKNOWN_VPN_PROFILE: { kind: 'validation', message: 'Unknown VPN profile {profile}', it: 'Profilo VPN sconosciuto[: {profile}]' },
  USERNAME_NOT_USABLE: {
    kind: 'rule',
    message: 'The directory username cannot be a certificate name (letters, digits, ".", "_", "@", "-")',
    it: 'Il nome utente di rete non può fare da nome del certificato (ammessi lettere, cifre, «.», «_», «@», «-»)',
  },
  VPN_ACCOUNT_CHANGED: {
    kind: 'conflict',
    message: 'The VPN account changed meanwhile (another operator?); look at it again',
    it: "L'utenza VPN è cambiata nel frattempo (un altro operatore?); ricaricarla e controllare",
  },
  VPN_ACCOUNT_EXISTS: {
    kind: 'conflict',
    message: 'The employee already has an open VPN account for profile {profile}',
    it: "Il dipendente ha già un'utenza VPN aperta[ per il profilo {profile}]",
  },
  VPN_ACCOUNT_HAS_NO_CERTIFICATE: {
    kind: 'conflict',
    message: 'A VPN account in state {state} has no usable certificate: issue one first',
    it: "L'utenza VPN non ha un certificato utilizzabile[ (stato: {state})]: emetterne prima uno",
  },
  VPN_ACCOUNT_NOT_FOUND: { kind: 'not_found', message: 'vpn account {id} does not exist', it: "L'utenza VPN[ {id}] non esiste" },
  VPN_ACCOUNT_STATE_CONFLICT: {
    kind: 'conflict',
    message: 'A VPN account in state {state} cannot be {action}',
    it: "L'operazione non è possibile nello stato attuale dell'utenza VPN[ ({state})]",
  },
  VPN_ADDRESS_POOL_EXHAUSTED: {
    kind: 'rule',
    message: 'Every address of the pool {pool} of profile {profile} is taken',
    it: 'Tutti gli indirizzi del profilo VPN sono occupati[ (profilo {profile}, gruppo di indirizzi {pool})]',
  },
  VPN_CERTIFICATE_NOT_VALID: {
    kind: 'conflict',
    message: 'The certificate of this account is no longer valid (revoked or on hold): issue a new one',
    it: 'Il certificato di questa utenza non è più valido (revocato o sospeso): emetterne uno nuovo',
  },
  VPN_GATEWAY_CHANGED: {
    kind: 'conflict',
    message: 'The gateway changed meanwhile; look at it again',
    it: 'Il gateway VPN è cambiato nel frattempo; ricaricarlo e controllare',
  },
  VPN_GATEWAY_MISSING: { kind: 'conflict', message: 'The gateway of this account no longer exists', it: 'Il gateway VPN di questa utenza non esiste più' },
  VPN_GATEWAY_NOT_FOUND: { kind: 'not_found', message: 'vpn gateway {id} does not exist', it: 'Il gateway VPN[ {id}] non esiste' },
  VPN_PROFILE_KEY_NOT_STORED: {
    kind: 'conflict',
    message: 'The key of this certificate was handed out once at issuance and is not kept: issue a new certificate to get a profile that carries it',
    it: "La chiave di questo certificato è stata consegnata una sola volta all'emissione e non è conservata: emettere un nuovo certificato per avere un profilo che la contenga",
  },
  VPN_PROFILE_NO_LONGER_CONFIGURED: {
    kind: 'conflict',
    message: 'The profile {profile} of this account is no longer configured',
    it: 'Il profilo VPN di questa utenza non è più configurato[ ({profile})]',
  },
});

export type VpnErrorCode = keyof typeof VPN_ERRORS;
