import { NetworkAccess } from './domain/network-access';

export interface BundleReadmeInput {
  gateway: { id: string; name: string; host: string; port: number; proto: 'udp' | 'tcp'; profile: string };
  tunDevice: string;
  pool: string;
  gatewayAddress: string;
  networks: NetworkAccess[];
  coHosted: string[];
  installDir: string;
  serviceUrl: string;
  allowListValidMinutes: number;
  generatedAt: string;
}

const reach = (n: NetworkAccess) => (n.ports?.length ? `${n.cidr} (solo ${n.ports.join(', ')})` : `${n.cidr} (tutte le porte)`);

/** README.it.md of a gateway bundle: for the gateway administrator, in Italian. */
export function renderBundleReadme(i: BundleReadmeInput): string {
  const d = i.installDir.replace(/\/+$/, '') || '/';
  const rw = `${d === '/' ? '' : d}/remote-work`;
  const g = i.gateway;
  const unit = d === '/etc/openvpn' ? 'openvpn@server' : `openvpn-remote-work-${g.name}`;
  return `# Gateway VPN ${g.name} — installazione

Pacchetto generato dal servizio remote-work il ${i.generatedAt} per il gateway **${g.name}** (${g.host}, porta ${g.port}/${g.proto},
profilo **${g.profile}**, identificativo \`${g.id}\`). Non modificare i file a mano: dopo una modifica (reti del profilo o del
gateway, nuovi gateway sullo stesso host) si scarica di nuovo il pacchetto e si sostituiscono i file.

    GET ${i.serviceUrl}/api/v1/vpn/gateways/${g.id}/bundle?format=tar   (amministratore, tecnico o credenziale di questo gateway)
    npm run cli -- vpn gateway-bundle ${g.name} --out <cartella>           (sul server del servizio)

## Cosa fa

- **OpenVPN** (\`server.conf\`) accetta solo certificati emessi dalla CA del Comune (\`ca.pem\`) e non revocati (\`crl.pem\`).
- A ogni connessione OpenVPN esegue \`remote-work/connect-check.sh\`, che chiede al servizio se l'account può entrare adesso su
  questo gateway (account attivo, certificato corrente, portatile ancora assegnato, accordo in vigore, dipendente attivo).
  Se sì, il servizio risponde con l'indirizzo fisso dell'utente nel pool ${i.pool} e le rotte del profilo; se no, con il motivo,
  che OpenVPN scrive nel suo log (\`remote-work: refused <CODICE>\`).
- **nftables** (\`nftables.conf\`, tabella \`inet remote_work\`) lascia uscire dal tunnel (${i.tunDevice}) il pool ${i.pool} solo verso:
${i.networks.map((n) => `  - ${reach(n)}`).join('\n')}
  Tutto il resto che arriva dal tunnel viene scartato (con un contatore), anche se l'utente aggiunge rotte a mano sul portatile.
${i.coHosted.length > 1 ? `- Su questo host girano anche: ${i.coHosted.filter((n) => n !== g.name).join(', ')}. Il file \`nftables.conf\` è lo stesso in tutti i loro pacchetti (una catena per istanza): installarne uno solo.\n` : ''}
## Installazione

1. Pacchetti (Debian/Ubuntu): \`apt-get install openvpn nftables curl openssl\`.
2. Inoltro IP: \`echo net.ipv4.ip_forward=1 > /etc/sysctl.d/90-remote-work.conf && sysctl --system\`.
3. Copiare i file del pacchetto in \`${d}\` mantenendo i permessi (\`tar -xzf bundle.tar.gz -C ${d}\`):
   \`server.conf\`, \`ca.pem\`, \`crl.pem\`, \`allow-list.pub.pem\`, \`nftables.conf\` e la cartella \`remote-work/\`
   (gli script \`*.sh\` con permessi 755, \`gateway.conf\` 644).
4. Certificato del server: sul server del servizio
   \`npm run cli -- pki issue-server --cn ${g.host} --out <cartella>\`, poi copiare \`${g.host}.pem\` in \`${d}/server.crt\` e
   \`${g.host}.key\` in \`${d}/server.key\` (proprietario root, permessi 600). La chiave non resta al servizio.
5. Credenziale del gateway: un amministratore o un tecnico la crea con \`POST /api/v1/vpn/gateways/${g.id}/credential\`
   (il token si vede una volta sola; crearla di nuovo revoca la precedente). Il token va scritto **solo** nel file indicato da
   TOKEN_FILE in \`gateway.conf\` (\`${rw}/token\`), proprietario root, permessi 600:
   \`install -m 600 -o root -g root /dev/null ${rw}/token && printf '%s\\n' '<token>' > ${rw}/token\`.
   Mai in \`gateway.conf\`, mai nei log. Con questa credenziale il gateway può solo leggere il proprio pacchetto e la propria
   allow-list, chiedere il controllo alla connessione e scaricare la CRL.
6. Firewall: \`nft -f ${d}/nftables.conf\`; perché resti dopo un riavvio aggiungere \`include "${d}/nftables.conf"\` a
   \`/etc/nftables.conf\` e \`systemctl enable nftables\`.
7. Prima allow-list: \`${rw}/allow-list-refresh.sh\` (deve uscire con 0).
8. Avvio: ${
    unit === 'openvpn@server'
      ? `\`systemctl enable --now openvpn@server\` (legge \`${d}/server.conf\`).`
      : `un'unità systemd \`${unit}.service\` con \`ExecStart=/usr/sbin/openvpn --config ${d}/server.conf\`.`
  }
9. Timer: CRL e allow-list vanno aggiornate ogni 5 minuti. Per esempio \`/etc/systemd/system/remote-work-refresh.service\`:

       [Service]
       Type=oneshot
       ExecStart=${rw}/crl-refresh.sh
       ExecStart=-${rw}/allow-list-refresh.sh

   e \`/etc/systemd/system/remote-work-refresh.timer\`:

       [Timer]
       OnBootSec=1min
       OnUnitActiveSec=5min
       [Install]
       WantedBy=timers.target

   poi \`systemctl enable --now remote-work-refresh.timer\` (oppure una riga di cron \`*/5 * * * *\` per ciascuno script).
   \`crl-refresh.sh\` esce con 2 e scrive un allarme nel syslog quando la CRL su disco è scaduta o troppo vecchia: collegarlo
   al monitoraggio.
10. Instradamento di ritorno: la rete interna deve instradare il pool ${i.pool} verso questo gateway. Più gateway dello
    stesso profilo condividono il pool (ogni utente ha lo stesso indirizzo su ciascuno): il router deve sapere su quale gateway
    è collegato ciascun indirizzo, oppure ogni gateway fa NAT verso la rete interna.

Il gateway usa per sé il primo indirizzo del pool (${i.gatewayAddress}); non c'è un pool dinamico: chi non riceve l'indirizzo dal
servizio non ottiene un indirizzo.

## Quando il servizio non risponde

- Il controllo alla connessione aspetta al massimo qualche secondo (CHECK_TIMEOUT in \`gateway.conf\`). Se il servizio non
  risponde o risponde con un errore 5xx, lo script usa l'**allow-list firmata** scaricata da \`allow-list-refresh.sh\`: la firma
  è verificata con \`allow-list.pub.pem\`; chi è nella lista entra con lo stesso indirizzo e le stesse rotte, chi non c'è viene
  rifiutato (\`OFFLINE_NOT_LISTED\`).
- Ogni allow-list vale **${i.allowListValidMinutes} minuti** da quando il servizio l'ha emessa. Scaduta quella senza che se ne sia potuta scaricare
  una nuova, il gateway **rifiuta tutte le nuove connessioni** (\`OFFLINE_LIST_EXPIRED\`): fail closed. Le sessioni già aperte
  restano finché non si chiudono.
- La CRL su disco resta quella dell'ultimo scaricamento; oltre il suo nextUpdate OpenVPN rifiuta ogni client.
- Un account sospeso, un accordo ritirato o un portatile restituito mentre il servizio è fermo entrano ancora finché vale
  l'allow-list già scaricata: per questo la sua durata è breve.

## Nessun registro delle connessioni

Il servizio non registra le connessioni: conserva solo la data della prima connessione di ciascun account (conferma
dell'installazione). Gli script non scrivono numeri di serie né nomi degli utenti; \`server.conf\` non ha file di stato e
nftables usa solo contatori, senza log (Statuto dei lavoratori, art. 4). Resta il log di OpenVPN al livello \`verb\`
configurato: la sua conservazione segue le regole del Comune per i log di sistema.
`;
}
