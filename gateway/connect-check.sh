#!/bin/sh
# remote-work: OpenVPN client-connect hook (server.conf: script-security 2, client-connect <this file>).
#
# For the connecting certificate (env tls_serial_hex_0) it asks the remote-work service whether the account may
# connect now, on this gateway. ALLOW: the per-client directives (ifconfig-push, push "route ...") are written to
# the file OpenVPN passes as $1 and the hook exits 0. DENY: "remote-work: refused <CODE>" on stderr (OpenVPN logs
# it), exit 1.
#
# Service unreachable, timed out (CHECK_TIMEOUT, 2 s) or answering 5xx: the decision comes from the signed
# allow-list kept by allow-list-refresh.sh, if its signature verifies and it has not expired; otherwise the
# connection is refused (OFFLINE_NOT_LISTED, OFFLINE_LIST_EXPIRED): fail closed. Any other answer that is not a
# decision (e.g. 401, the gateway token refused) refuses too.
#
# The hook never writes the certificate's serial or CN anywhere, and keeps no record of connections.
# Configuration: gateway.conf next to this file, or the file named by RW_GATEWAY_CONF. POSIX sh, curl, openssl.

set -u
umask 077
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
export PATH
LC_ALL=C
export LC_ALL

tmp_dir=
cleanup() { [ -n "$tmp_dir" ] && rm -rf -- "$tmp_dir"; }
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

log() { printf 'remote-work: %s\n' "$*" >&2; }

refuse() {
  if [ -n "${2:-}" ]; then log "refused $1 ($2)"; else log "refused $1"; fi
  exit 1
}

# --- gateway.conf: KEY=value lines, '#' comments; never sourced (no code runs from it) ---------------------------
conf_file=${RW_GATEWAY_CONF:-$(dirname -- "$0")/gateway.conf}
SERVICE_URL= GATEWAY_ID= TOKEN_FILE=token SERVICE_CA_FILE= CHECK_TIMEOUT=2
ALLOW_LIST_FILE=allow-list.txt ALLOW_LIST_PUBKEY=../allow-list.pub.pem

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
      GATEWAY_ID) GATEWAY_ID=$val ;;
      TOKEN_FILE) TOKEN_FILE=$val ;;
      SERVICE_CA_FILE) SERVICE_CA_FILE=$val ;;
      CHECK_TIMEOUT) CHECK_TIMEOUT=$val ;;
      ALLOW_LIST_FILE) ALLOW_LIST_FILE=$val ;;
      ALLOW_LIST_PUBKEY) ALLOW_LIST_PUBKEY=$val ;;
    esac
  done <"$conf_file"
  SERVICE_URL=${SERVICE_URL%/}
  [ -n "$SERVICE_URL" ] && [ -n "$GATEWAY_ID" ] || return 1
  case $GATEWAY_ID in *[!A-Za-z0-9._-]*) return 1 ;; esac
  case $CHECK_TIMEOUT in '' | *[!0-9.]*) CHECK_TIMEOUT=2 ;; esac
  TOKEN_FILE=$(abs_path "$TOKEN_FILE")
  ALLOW_LIST_FILE=$(abs_path "$ALLOW_LIST_FILE")
  ALLOW_LIST_PUBKEY=$(abs_path "$ALLOW_LIST_PUBKEY")
  [ -z "$SERVICE_CA_FILE" ] || SERVICE_CA_FILE=$(abs_path "$SERVICE_CA_FILE")
  return 0
}

# relative paths in gateway.conf are relative to its directory
abs_path() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$conf_dir" "$1" ;; esac; }

# 2026-12-02T08:30:00Z or 2026-12-02T08:30:00.000Z -> 20261202083000 (compared as text with `date -u`)
iso_stamp() {
  printf '%s\n' "$1" | sed -n 's/^\([0-9]\{4\}\)-\([0-9][0-9]\)-\([0-9][0-9]\)T\([0-9][0-9]\):\([0-9][0-9]\):\([0-9][0-9]\)\(\.[0-9]*\)\{0,1\}Z$/\1\2\3\4\5\6/p'
}

# --- the signed allow-list (format: see allow-list-refresh.sh); prints its body to $2 once verified -------------
# exit status: 0 verified and current, 3 verified but expired, 1 missing/unreadable/tampered/other gateway
verified_list() {
  list=$1 body=$2
  [ -r "$list" ] && [ -r "$ALLOW_LIST_PUBKEY" ] || return 1
  last=$(tail -n 1 -- "$list")
  case $last in 'signature '*) ;; *) return 1 ;; esac
  sed '$d' -- "$list" >"$body" || return 1
  printf '%s' "${last#signature }" | openssl base64 -d -A >"$body.sig" 2>/dev/null || return 1
  openssl dgst -sha256 -verify "$ALLOW_LIST_PUBKEY" -signature "$body.sig" "$body" >/dev/null 2>&1 || return 1
  [ "$(sed -n 1p -- "$body")" = '# remote-work allow-list v1' ] || return 1
  [ "$(sed -n 's/^gateway //p' -- "$body" | head -n 1)" = "$GATEWAY_ID" ] || return 1
  expires=$(iso_stamp "$(sed -n 's/^expires //p' -- "$body" | head -n 1)")
  [ -n "$expires" ] || return 1
  [ "$(date -u +%Y%m%d%H%M%S)" \< "$expires" ] || return 3
  return 0
}

offline_decision() {
  why=$1
  tmp_dir=${tmp_dir:-$(mktemp -d)} || refuse OFFLINE_LIST_UNUSABLE "$why"
  verified_list "$ALLOW_LIST_FILE" "$tmp_dir/body"
  case $? in
    0) ;;
    3) refuse OFFLINE_LIST_EXPIRED "$why" ;;
    *) refuse OFFLINE_LIST_UNUSABLE "$why; allow-list missing or not verified" ;;
  esac
  directives=$(awk -v s="$serial" '$1 == "allow" { x = tolower($2); sub(/^0+/, "", x); if (x == s) { print $3; exit } }' "$tmp_dir/body")
  [ -n "$directives" ] || refuse OFFLINE_NOT_LISTED "$why"
  printf '%s' "$directives" | openssl base64 -d -A >"$out" 2>/dev/null || refuse OFFLINE_LIST_UNUSABLE "$why"
  [ -z "$(tail -c 1 -- "$out")" ] || printf '\n' >>"$out"
  log "allowed from the signed allow-list ($why)"
  exit 0
}

# --- main -------------------------------------------------------------------------------------------------------
out=${1:-}
[ -n "$out" ] || refuse CONFIG_ERROR 'no directives file: run as client-connect'
load_conf || refuse CONFIG_ERROR "cannot read $conf_file (SERVICE_URL and GATEWAY_ID are required)"

serial=$(printf '%s' "${tls_serial_hex_0:-}" | tr -d ':' | tr 'A-F' 'a-f' | sed 's/^0*//')
case $serial in '' | *[!0-9a-f]*) refuse NO_CERTIFICATE_SERIAL ;; esac

token=
[ -r "$TOKEN_FILE" ] && token=$(sed -n '1{s/[[:space:]]*$//;p;}' -- "$TOKEN_FILE")
case $token in '' | *[!A-Za-z0-9._~+/=-]*) refuse GATEWAY_TOKEN_MISSING "$TOKEN_FILE is missing or not a token" ;; esac

tmp_dir=$(mktemp -d) || refuse CONFIG_ERROR 'mktemp failed'
# the token and the serial go to curl on stdin, never on its command line (visible to every local user)
status=$(
  {
    printf 'header = "Authorization: Bearer %s"\n' "$token"
    printf 'data = "{\\"serial\\":\\"%s\\"}"\n' "$serial"
  } | curl -K - -sS --max-time "$CHECK_TIMEOUT" -o "$tmp_dir/answer" -w '%{http_code}' \
    ${SERVICE_CA_FILE:+--cacert "$SERVICE_CA_FILE"} \
    -H 'Accept: text/plain' -H 'Content-Type: application/json' \
    "$SERVICE_URL/api/v1/vpn/gateways/$GATEWAY_ID/connect-check" 2>/dev/null
)
curl_rc=$?
first=
[ -s "$tmp_dir/answer" ] && first=$(sed -n '1{s/[[:space:]]*$//;p;}' -- "$tmp_dir/answer")

case $first in
  'DENY '*)
    code=${first#DENY }
    case $code in '' | *[!A-Z0-9_]*) code=UNREADABLE_DENY ;; esac
    refuse "$code"
    ;;
esac
if [ "$curl_rc" -ne 0 ] || [ -z "$status" ] || [ "$status" = 000 ]; then
  offline_decision "service unreachable: curl exit $curl_rc"
fi
case $status in
  200)
    if [ "$first" = ALLOW ]; then
      sed '1d' -- "$tmp_dir/answer" >"$out" || refuse CONFIG_ERROR "cannot write $out"
      exit 0
    fi
    offline_decision 'service answer not understood (HTTP 200)'
    ;;
  5??) offline_decision "service error: HTTP $status" ;;
  401) refuse GATEWAY_NOT_AUTHENTICATED 'HTTP 401: the gateway token was refused' ;;
  403) refuse GATEWAY_FORBIDDEN 'HTTP 403: the token is not the credential of this gateway' ;;
  404) refuse GATEWAY_UNKNOWN "HTTP 404: check GATEWAY_ID and SERVICE_URL" ;;
  *) refuse SERVICE_REFUSED "HTTP $status" ;;
esac
