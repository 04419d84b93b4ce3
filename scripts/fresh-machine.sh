#!/usr/bin/env bash
# Proves the README's quick start on a bare Debian 12: builds a minimal Debian 12 root with
# debootstrap (--variant=minbase, nothing but apt), puts a clean clone of the current commit in
# it (git clone, not the working tree: uncommitted changes are not tested), and runs the README's
# commands in it as root with chroot, one after the other, printing each one's exit status and
# time. The Debian mirror is the one this machine's own apt sources use.
#
# Usage: scripts/fresh-machine.sh [--keep] [COMMAND...]     (as root; default: ./demo.sh ./test.sh)
#   --keep     leave the root (and the logs in it) for inspection instead of deleting it
# Environment: TALLY_FRESH_DIR  where the root is made (default: a new folder under /var/tmp)
# Exit status: 0 when every command exited 0.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
keep=0
commands=()
for a in "$@"; do
  case $a in
    --keep) keep=1 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) commands+=("$a") ;;
  esac
done
[ ${#commands[@]} -gt 0 ] || commands=(./demo.sh ./test.sh)
[ "$(id -u)" -eq 0 ] || { echo "fresh-machine: run as root (debootstrap, mount and chroot)" >&2; exit 2; }
if ! command -v debootstrap >/dev/null; then
  echo "fresh-machine: installing debootstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# "URI SUITE" for every enabled deb entry of this machine's apt sources, one-line and deb822.
apt_entries() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [options] URI SUITE COMPONENT...
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() {
           if (types ~ /(^| )deb( |$)/ && enabled != "no")
             for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]
           types = ""; enabled = ""; nu = 0; ns = 0
         }
         /^[ \t]*#/ { next }
         /^[ \t]*$/ { flush(); next }
         { key = tolower($1); sub(/:$/, "", key); $1 = "" }
         key == "types" { types = $0 }
         key == "enabled" { enabled = tolower($2) }
         key == "uris" { nu = split($0, u, " ") }
         key == "suites" { ns = split($0, s, " ") }
         END { flush() }' "$f"
  done
}
entries=$(apt_entries | awk '$1 ~ /^https?:/')
# The Debian 12 archive itself: an entry for bookworm, else the first plain suite's mirror.
mirror=$(awk '$2 == "bookworm" { print $1; exit }' <<<"$entries")
[ -n "$mirror" ] || mirror=$(awk '$2 !~ /-/ { print $1; exit }' <<<"$entries")
[ -n "$mirror" ] || { echo "fresh-machine: no Debian mirror found in this machine's apt sources" >&2; exit 2; }
security=$(awk '$2 ~ /-security$/ { print $1; exit }' <<<"$entries")

commit=$(git -C "$repo" rev-parse HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "fresh-machine: note: uncommitted changes are not tested, only commit ${commit:0:12}" >&2
fi

base=${TALLY_FRESH_DIR:-/var/tmp}
mkdir -p "$base"
work=$(mktemp -d "$base/tally-fresh.XXXXXX")
root=$work/root
mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[i]}" 2>/dev/null || umount -lR "${mounted[i]}" || true
  done
  if [ "$keep" -eq 1 ]; then
    echo "fresh-machine: root kept in $root (logs in $work)" >&2
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

clock() { date +%s; }
took() { local s=$(($(clock) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

arch=$(dpkg --print-architecture)
echo "== debootstrap: Debian 12 (bookworm, minbase, $arch) from $mirror"
t=$(clock)
debootstrap --variant=minbase --arch="$arch" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -20 "$work/debootstrap.log"; echo "fresh-machine: debootstrap failed" >&2; exit 1; }
{
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [ -z "$security" ] || echo "deb $security bookworm-security main"
} >"$root/etc/apt/sources.list"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# Networks that inspect TLS (as this workplace's does for the npm registry) need their authority:
# the root trusts the certificates added locally on this machine (/usr/local/share/ca-certificates,
# which update-ca-certificates reads when the root installs ca-certificates), and Node is given
# them too (NODE_EXTRA_CA_CERTS: Node may use its own bundle). Nothing else of the host is copied.
node_ca=()
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  cat /usr/local/share/ca-certificates/*.crt >"$root/usr/local/share/ca-certificates/local-authorities.pem"
  node_ca=(NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/local-authorities.pem)
  echo "   trusting this machine's local certificate authorities: $(cd /usr/local/share/ca-certificates && echo *.crt)"
fi
echo "   done in $(took "$t"), $(du -sh --one-file-system "$root" | cut -f1)"

echo "== clean clone of ${commit:0:12} into /root/tally"
git clone --quiet --no-checkout "$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)" \
  "$root/root/tally"
git -C "$root/root/tally" checkout --quiet --detach "$commit"

for m in proc sys dev; do
  mkdir -p "$root/$m"
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sysfs "$root/sys" ;;
    dev) mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" ;;
  esac
  mounted+=("$root/$m")
done

status=0
summary=()
for c in "${commands[@]}"; do
  echo "== $c (in the chroot, as root, from /root/tally)"
  t=$(clock)
  log=$work/$((${#summary[@]} + 1))-$(printf %s "$c" | tr -c 'A-Za-z0-9._-' _).log
  set +e
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb "${node_ca[@]}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /root/tally && $c" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  summary+=("$c: exit $rc in $(took "$t")")
  echo "== ${summary[-1]}"
  [ "$rc" -eq 0 ] || status=1
done

echo "== summary (commit ${commit:0:12}, Debian $(cat "$root/etc/debian_version"), $(date -u +%Y-%m-%d))"
printf '   %s\n' "${summary[@]}"
exit "$status"
