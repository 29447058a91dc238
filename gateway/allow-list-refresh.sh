#!/bin/sh
# remote-work: pulls this gateway's signed allow-list, the list connect-check.sh falls back to while the service
# cannot be reached. Run it every few minutes (cron or a systemd timer), well inside the list's validity.
#
#   # remote-work allow-list v1
#   gateway <gatewayId>
#   issued <ISO-8601 UTC>
#   expires <ISO-8601 UTC>
#   allow <serial, lowercase hex> <base64 of the client directives, one per line>
#   signature <base64 of the ECDSA/RSA SHA-256 signature over every byte before this line>
#
# The new list replaces the old one (atomic rename) only when its signature verifies with ALLOW_LIST_PUBKEY, it
# names this gateway and it has not expired; otherwise the old list is kept and the script exits 1.
# Exit status: 0 replaced, 1 not replaced (reason on stderr and to syslog through `logger` when present).
# Configuration: gateway.conf next to this file, or the file named by RW_GATEWAY_CONF. POSIX sh, curl, openssl.

set -u
umask 077
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

alert() {
  printf 'remote-work: allow-list: %s\n' "$*" >&2
  if command -v logger >/dev/null 2>&1; then logger -t remote-work -p daemon.warning -- "allow-list: $*" 2>/dev/null || :; fi
}
fail() {
  alert "$* (the previous list is kept)"
  exit 1
}

# --- gateway.conf: KEY=value lines, '#' comments; never sourced (no code runs from it) ---------------------------
conf_file=${RW_GATEWAY_CONF:-$(dirname -- "$0")/gateway.conf}
SERVICE_URL= GATEWAY_ID= TOKEN_FILE=token SERVICE_CA_FILE= FETCH_TIMEOUT=20
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
      FETCH_TIMEOUT) FETCH_TIMEOUT=$val ;;
      ALLOW_LIST_FILE) ALLOW_LIST_FILE=$val ;;
      ALLOW_LIST_PUBKEY) ALLOW_LIST_PUBKEY=$val ;;
    esac
  done <"$conf_file"
  SERVICE_URL=${SERVICE_URL%/}
  [ -n "$SERVICE_URL" ] && [ -n "$GATEWAY_ID" ] || return 1
  case $GATEWAY_ID in *[!A-Za-z0-9._-]*) return 1 ;; esac
  case $FETCH_TIMEOUT in '' | *[!0-9.]*) FETCH_TIMEOUT=20 ;; esac
  TOKEN_FILE=$(abs_path "$TOKEN_FILE")
  ALLOW_LIST_FILE=$(abs_path "$ALLOW_LIST_FILE")
  ALLOW_LIST_PUBKEY=$(abs_path "$ALLOW_LIST_PUBKEY")
  [ -z "$SERVICE_CA_FILE" ] || SERVICE_CA_FILE=$(abs_path "$SERVICE_CA_FILE")
  return 0
}

abs_path() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$conf_dir" "$1" ;; esac; }

iso_stamp() {
  printf '%s\n' "$1" | sed -n 's/^\([0-9]\{4\}\)-\([0-9][0-9]\)-\([0-9][0-9]\)T\([0-9][0-9]\):\([0-9][0-9]\):\([0-9][0-9]\)\(\.[0-9]*\)\{0,1\}Z$/\1\2\3\4\5\6/p'
}

# same checks as connect-check.sh: 0 verified and current, 3 verified but expired, 1 anything else
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

load_conf || fail "cannot read $conf_file (SERVICE_URL and GATEWAY_ID are required)"
token=
[ -r "$TOKEN_FILE" ] && token=$(sed -n '1{s/[[:space:]]*$//;p;}' -- "$TOKEN_FILE")
case $token in '' | *[!A-Za-z0-9._~+/=-]*) fail "$TOKEN_FILE is missing or not a token" ;; esac

tmp_dir=$(mktemp -d) || fail 'mktemp failed'
status=$(
  printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl -K - -sS --max-time "$FETCH_TIMEOUT" -o "$tmp_dir/list" -w '%{http_code}' \
      ${SERVICE_CA_FILE:+--cacert "$SERVICE_CA_FILE"} -H 'Accept: text/plain' \
      "$SERVICE_URL/api/v1/vpn/gateways/$GATEWAY_ID/allow-list" 2>"$tmp_dir/curl.err"
)
curl_rc=$?
[ "$curl_rc" -eq 0 ] || fail "service unreachable (curl exit $curl_rc: $(head -c 200 "$tmp_dir/curl.err"))"
[ "$status" = 200 ] || fail "service answered HTTP $status"

verified_list "$tmp_dir/list" "$tmp_dir/body"
case $? in
  0) ;;
  3) fail 'the downloaded list has already expired (check the clocks of the gateway and the service)' ;;
  *) fail 'the downloaded list does not verify with the signing key (or names another gateway)' ;;
esac

# atomic replace: a temporary file in the same directory, then rename
dir=$(dirname -- "$ALLOW_LIST_FILE")
new_file=$(mktemp "$dir/.allow-list.XXXXXX") || fail "cannot write in $dir"
cat -- "$tmp_dir/list" >"$new_file" || fail "cannot write in $dir"
chmod 600 "$new_file" || fail "cannot chmod $new_file"
mv -f -- "$new_file" "$ALLOW_LIST_FILE" || fail "cannot replace $ALLOW_LIST_FILE"
new_file=
exit 0
