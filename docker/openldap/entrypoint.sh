#!/bin/sh
# Starts Debian's slapd with the suffix, the admin password and the organisational units the service expects
# (ou=people, ou=groups with the role groups of config/directory.json's "openldap" preset). The first start
# loads the base entries; later starts reuse the database in LDAP_DATA_DIR.
#   LDAP_SUFFIX          dc=comune,dc=example
#   LDAP_ADMIN_PASSWORD  required; the admin is cn=admin,<suffix>
#   LDAP_DATA_DIR        /var/lib/ldap        LDAP_RUN_DIR  /run/slapd
#   LDAP_LISTEN          ldap:///             LDAP_FOREGROUND  yes (no: daemonize, for tests)
#   LDAP_USER            openldap (slapd drops root for it; empty: stay as the caller)
set -eu
suffix="${LDAP_SUFFIX:-dc=comune,dc=example}"
data="${LDAP_DATA_DIR:-/var/lib/ldap}"
run="${LDAP_RUN_DIR:-/run/slapd}"
listen="${LDAP_LISTEN:-ldap:///}"
: "${LDAP_ADMIN_PASSWORD:?set LDAP_ADMIN_PASSWORD}"
case "$suffix" in dc=*) ;; *) echo "LDAP_SUFFIX must start with dc=" >&2; exit 2 ;; esac
first_dc="$(printf '%s' "$suffix" | sed -e 's/^dc=//' -e 's/,.*//')"
admin="cn=admin,$suffix"

mkdir -p "$data" "$run"
chmod 0700 "$data"
conf="$run/slapd.conf"
hash="$(slappasswd -s "$LDAP_ADMIN_PASSWORD")"
umask 077
cat >"$conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile $run/slapd.pid
database mdb
maxsize 1073741824
suffix "$suffix"
rootdn "$admin"
rootpw $hash
directory $data
index objectClass,uid,member,entryUUID eq
limits dn.exact="$admin" size=unlimited size.pr=unlimited size.prtotal=unlimited
access to attrs=userPassword by self write by anonymous auth by * none
access to * by users read by * none
CONF

if [ ! -f "$data/data.mdb" ]; then
  base="$run/base.ldif"
  {
    printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\ndc: %s\no: %s\n\n' "$suffix" "$first_dc" "$first_dc"
    printf 'dn: ou=people,%s\nobjectClass: organizationalUnit\nou: people\n\n' "$suffix"
    printf 'dn: ou=groups,%s\nobjectClass: organizationalUnit\nou: groups\n\n' "$suffix"
    for g in rw-admins rw-hr rw-technicians rw-hotline rw-rtd rw-managers vpn-users; do
      # groupOfNames needs a member: the admin stands in until real members are added.
      printf 'dn: cn=%s,ou=groups,%s\nobjectClass: groupOfNames\ncn: %s\nmember: %s\n\n' "$g" "$suffix" "$g" "$admin"
    done
  } >"$base"
  slapadd -f "$conf" -l "$base" -q
  rm -f "$base"
fi

user="${LDAP_USER-openldap}"
set --
if [ -n "$user" ] && id "$user" >/dev/null 2>&1; then
  chown -R "$user:$user" "$data" "$run"
  set -- -u "$user" -g "$user"
fi
if [ "${LDAP_FOREGROUND:-yes}" = yes ]; then
  exec slapd -f "$conf" -h "$listen" "$@" -d 0
fi
exec slapd -f "$conf" -h "$listen" "$@"
