#!/bin/sh
# remote-work: keeps the gateway's CRL (server.conf: crl-verify) current. Run it every few minutes (cron or a
# systemd timer). OpenVPN in server mode re-reads the file when it changes: a revocation reaches the gateway
# within one interval.
#
# Conditional GET of <SERVICE_URL>/pki/crl.pem (If-None-Match with the ETag saved from the last download): 304
# keeps the file; 200 is checked (it parses, `openssl crl -noout`; its signature verifies with CA_FILE; its CRL
# number is not lower than the one on disk) and replaces the file atomically (temporary file + rename).
# Whatever happened, the CRL on disk is then checked: past its nextUpdate (OpenVPN would refuse every client) or
# issued more than CRL_MAX_AGE_SECONDS ago (the gateway has not been getting fresh CRLs) -> alert on stderr and
# to syslog (`logger`, when present), exit 2.
# Exit status: 0 fine, 1 download or check failed (the CRL on disk is kept and is not stale), 2 stale CRL.
# Configuration: gateway.conf next to this file, or the file named by RW_GATEWAY_CONF. POSIX sh, curl, openssl.

set -u
umask 022
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
export PATH
LC_ALL=C
export LC_ALL

tmp_dir=
new_file=
cleanup() {
  [ -n "$tmp_dir" ] && rm -rf -- "$tmp_dir"
  [ -n "$new_file" ] && rm -f -- "$new_file"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

say() {
  printf 'remote-work: crl: %s\n' "$*" >&2
  if command -v logger >/dev/null 2>&1; then logger -t remote-work -p "daemon.$level" -- "crl: $*" 2>/dev/null || :; fi
}

# --- gateway.conf: KEY=value lines, '#' comments; never sourced (no code runs from it) ---------------------------
conf_file=${RW_GATEWAY_CONF:-$(dirname -- "$0")/gateway.conf}
SERVICE_URL= SERVICE_CA_FILE= FETCH_TIMEOUT=20 CRL_FILE=../crl.pem CA_FILE=../ca.pem CRL_ETAG_FILE=crl.etag
CRL_MAX_AGE_SECONDS=86400

load_conf() {
  [ -r "$conf_file" ] || return 1
  conf_dir=$(cd -- "$(dirname -- "$conf_file")" && pwd) || return 1
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%"${line##*[![:space:]]}"}
    line=${line#"${line%%[![:space:]]*}"}
    case $line in '' | '#'*) continue ;; *=*) ;; *) continue ;; esac
    key=${line%%=*}
    val=${line#*=}
    case $val in \"*\") val=${val#\"} val=${val%\"} ;; \'*\') val=${val#\'} val=${val%\'} ;; esac
    case $key in
      SERVICE_URL) SERVICE_URL=$val ;;
      SERVICE_CA_FILE) SERVICE_CA_FILE=$val ;;
      FETCH_TIMEOUT) FETCH_TIMEOUT=$val ;;
      CRL_FILE) CRL_FILE=$val ;;
      CA_FILE) CA_FILE=$val ;;
      CRL_ETAG_FILE) CRL_ETAG_FILE=$val ;;
      CRL_MAX_AGE_SECONDS) CRL_MAX_AGE_SECONDS=$val ;;
    esac
  done <"$conf_file"
  SERVICE_URL=${SERVICE_URL%/}
  [ -n "$SERVICE_URL" ] || return 1
  case $FETCH_TIMEOUT in '' | *[!0-9.]*) FETCH_TIMEOUT=20 ;; esac
  case $CRL_MAX_AGE_SECONDS in '' | *[!0-9]*) CRL_MAX_AGE_SECONDS=86400 ;; esac
  CRL_FILE=$(abs_path "$CRL_FILE")
  CA_FILE=$(abs_path "$CA_FILE")
  CRL_ETAG_FILE=$(abs_path "$CRL_ETAG_FILE")
  [ -z "$SERVICE_CA_FILE" ] || SERVICE_CA_FILE=$(abs_path "$SERVICE_CA_FILE")
  return 0
}

abs_path() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$conf_dir" "$1" ;; esac; }

# "Dec  9 16:46:48 2026 GMT" (openssl's date) -> seconds since the epoch, with awk's arithmetic (no GNU date -d)
openssl_epoch() {
  printf '%s\n' "$1" | awk '
    function days(y, m, d,   a) { a = (m <= 2); y -= a; m += 12 * a - 3
      return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * m + 2) / 5) + d - 1 - 719468 }
    { m = index("JanFebMarAprMayJunJulAugSepOctNovDec", $1); if (m == 0 || $5 != "GMT") exit 1
      split($3, t, ":"); printf "%.0f\n", days($4 + 0, (m + 2) / 3, $2 + 0) * 86400 + t[1] * 3600 + t[2] * 60 + t[3] }'
}
now_epoch() {
  date -u '+%Y %m %d %H %M %S' | awk '
    function days(y, m, d,   a) { a = (m <= 2); y -= a; m += 12 * a - 3
      return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * m + 2) / 5) + d - 1 - 719468 }
    { printf "%.0f\n", days($1 + 0, $2 + 0, $3 + 0) * 86400 + $4 * 3600 + $5 * 60 + $6 }'
}
crl_field() { openssl crl -noout "-$2" -in "$1" 2>/dev/null | sed -n "s/^$3=//p"; }
# CRL number as a decimal-comparable string: hex digits without 0x and leading zeros
crl_number() { crl_field "$1" crlnumber crlNumber | sed 's/^0x//; s/^0*//' | tr 'a-f' 'A-F'; }

level=err
load_conf || {
  say "cannot read $conf_file (SERVICE_URL is required)"
  exit 1
}

result=0
tmp_dir=$(mktemp -d) || exit 1
etag=
[ -r "$CRL_ETAG_FILE" ] && [ -s "$CRL_FILE" ] && etag=$(sed -n '1{s/[[:space:]]*$//;p;}' -- "$CRL_ETAG_FILE")
case $etag in *[!A-Za-z0-9._:/=+-]* | *\"*\"*\"*) etag= ;; esac
status=$(
  curl -sS --max-time "$FETCH_TIMEOUT" -o "$tmp_dir/crl.pem" -D "$tmp_dir/headers" -w '%{http_code}' \
    ${SERVICE_CA_FILE:+--cacert "$SERVICE_CA_FILE"} ${etag:+-H "If-None-Match: \"$etag\""} \
    "$SERVICE_URL/pki/crl.pem" 2>"$tmp_dir/curl.err"
)
curl_rc=$?
if [ "$curl_rc" -ne 0 ]; then
  say "service unreachable (curl exit $curl_rc: $(head -c 200 "$tmp_dir/curl.err")); the CRL on disk is kept"
  result=1
elif [ "$status" = 304 ]; then
  : # unchanged
elif [ "$status" != 200 ]; then
  say "service answered HTTP $status; the CRL on disk is kept"
  result=1
elif ! openssl crl -noout -in "$tmp_dir/crl.pem" >/dev/null 2>&1 || ! grep -q -- '-----BEGIN X509 CRL-----' "$tmp_dir/crl.pem"; then
  say 'the downloaded CRL does not parse; the CRL on disk is kept'
  result=1
elif [ -r "$CA_FILE" ] && ! openssl crl -noout -CAfile "$CA_FILE" -in "$tmp_dir/crl.pem" >/dev/null 2>&1; then
  say "the downloaded CRL is not signed by $CA_FILE; the CRL on disk is kept"
  result=1
else
  new_number=$(crl_number "$tmp_dir/crl.pem")
  old_number=
  [ -s "$CRL_FILE" ] && old_number=$(crl_number "$CRL_FILE")
  if [ -n "$old_number" ] && [ -n "$new_number" ] &&
    { [ "${#new_number}" -lt "${#old_number}" ] || { [ "${#new_number}" -eq "${#old_number}" ] && [ "$new_number" \< "$old_number" ]; }; }; then
    say "the downloaded CRL (number $new_number) is older than the one on disk ($old_number); the CRL on disk is kept"
    result=1
  else
    new_file=$(mktemp "$(dirname -- "$CRL_FILE")/.crl.XXXXXX") || exit 1
    cat -- "$tmp_dir/crl.pem" >"$new_file" && chmod 644 "$new_file" && mv -f -- "$new_file" "$CRL_FILE" || {
      say "cannot replace $CRL_FILE"
      exit 1
    }
    new_file=
    new_etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]:[[:space:]]*//p' -- "$tmp_dir/headers" | tr -d '\r"' | sed 's/^W\///' | tail -n 1)
    if [ -n "$new_etag" ]; then printf '%s\n' "$new_etag" >"$CRL_ETAG_FILE"; else rm -f -- "$CRL_ETAG_FILE"; fi
  fi
fi

# --- the CRL on disk, whatever happened above ---------------------------------------------------------------------
level=crit
if [ ! -s "$CRL_FILE" ] || ! openssl crl -noout -in "$CRL_FILE" >/dev/null 2>&1; then
  say "ALERT: $CRL_FILE is missing or unreadable: OpenVPN refuses every client"
  exit 2
fi
now=$(now_epoch)
next=$(openssl_epoch "$(crl_field "$CRL_FILE" nextupdate nextUpdate)")
last=$(openssl_epoch "$(crl_field "$CRL_FILE" lastupdate lastUpdate)")
if [ -n "$next" ] && [ "$now" -ge "$next" ]; then
  say "ALERT: $CRL_FILE is past its nextUpdate ($(crl_field "$CRL_FILE" nextupdate nextUpdate)): OpenVPN refuses every client"
  exit 2
fi
if [ -z "$last" ] || [ $((now - last)) -gt "$CRL_MAX_AGE_SECONDS" ]; then
  say "ALERT: $CRL_FILE was issued at $(crl_field "$CRL_FILE" lastupdate lastUpdate), more than $CRL_MAX_AGE_SECONDS s ago: revocations may not reach this gateway"
  exit 2
fi
exit "$result"
