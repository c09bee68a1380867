#!/bin/sh
# install.sh: install justt-onboard from a release, verified.
#
#   curl -fsSL https://github.com/justt-ai/justt-onboard/releases/latest/download/install.sh | sh
#   sh install.sh --base-url URL --dir DIR
#
# It downloads SHA256SUMS from the base URL, picks the archive for this OS
# and architecture from it, downloads that archive, checks its SHA-256
# against SHA256SUMS (refusing to install on any mismatch), and copies the
# binary into DIR. It never runs anything it downloaded before the checksum
# matched, never asks for a secret, and never uses sudo.
#
# Options (each also as a variable):
#   --base-url URL  JUSTT_ONBOARD_BASE_URL     where SHA256SUMS and the archives are
#                   (default: the latest GitHub release; https, or http on loopback only)
#   --dir DIR       JUSTT_ONBOARD_INSTALL_DIR  where to put justt-onboard
#                   (default: /usr/local/bin when writable, else $HOME/.local/bin)
#
# Exit codes: 0 installed, 1 failed (download, checksum mismatch, copy), 2 usage.
set -eu

default_base_url="https://github.com/justt-ai/justt-onboard/releases/latest/download"
max_bytes=209715200 # 200 MiB: no archive is near this; a larger answer is not ours

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { say "$*"; say "usage: sh install.sh [--base-url URL] [--dir DIR]"; exit 2; }

base_url=${JUSTT_ONBOARD_BASE_URL:-}
dir=${JUSTT_ONBOARD_INSTALL_DIR:-}
while [ $# -gt 0 ]; do
  case $1 in
    --base-url) [ $# -ge 2 ] || usage "--base-url needs a URL"; base_url=$2; shift 2 ;;
    --base-url=*) base_url=${1#*=}; shift ;;
    --dir) [ $# -ge 2 ] || usage "--dir needs a folder"; dir=$2; shift 2 ;;
    --dir=*) dir=${1#*=}; shift ;;
    -h|--help) sed -n '2,19p' "$0" 2>/dev/null | sed 's/^# \{0,1\}//' >&2
      say "usage: sh install.sh [--base-url URL] [--dir DIR]"; exit 0 ;;
    *) usage "unknown option: $1" ;;
  esac
done
[ -n "$base_url" ] || base_url=$default_base_url
base_url=${base_url%/}

# Plain http only to this machine (tests, a local mirror); anything else is https.
case $base_url in
  *@*) usage "--base-url must not hold user-info (user@host): give the plain release URL" ;;
  https://?*) ;;
  http://127.0.0.1:*|http://127.0.0.1/*|http://localhost:*|http://localhost/*|http://\[::1\]:*|http://\[::1\]/*) ;;
  *) usage "--base-url must be an https URL (plain http only for 127.0.0.1, localhost or [::1])" ;;
esac

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) die "this installer is for Linux and macOS; on Windows download the .zip from the release page and check it against SHA256SUMS" ;;
esac
case $(uname -m) in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) die "no release for the $(uname -m) processor; build from source with Go: go install github.com/justt-ai/justt-onboard@latest" ;;
esac
# An x86_64 shell under Rosetta on Apple silicon: install the native build.
if [ "$os" = darwin ] && [ "$arch" = amd64 ] && [ "$(sysctl -n hw.optional.arm64 2>/dev/null || true)" = 1 ]; then
  arch=arm64
fi

if [ -z "$dir" ]; then
  if [ -d /usr/local/bin ] && [ -w /usr/local/bin ]; then
    dir=/usr/local/bin
  elif [ -n "${HOME:-}" ]; then
    dir=$HOME/.local/bin
  else
    usage "no install folder: give --dir DIR"
  fi
fi

if command -v curl >/dev/null 2>&1; then
  # Redirects are followed (release downloads redirect to a CDN) but only
  # to https; every answer is size- and time-bounded.
  fetch() { curl --fail --silent --show-error --location --proto-redir =https \
    --max-filesize "$max_bytes" --connect-timeout 20 --max-time 300 --output "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  # Only options BusyBox's wget has too (Alpine has no curl). wget cannot
  # keep redirects to https or bound the size: the checksum still guards
  # what is installed, and SHA256SUMS is size-checked below.
  fetch() { wget -q -T 60 -O "$2" "$1"; }
else
  die "neither curl nor wget is installed; install one and run this again"
fi
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  die "neither sha256sum nor shasum is installed, so the download cannot be verified; install one and run this again"
fi

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t justt-onboard)
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

fetch "$base_url/SHA256SUMS" "$tmp/SHA256SUMS" || die "could not download SHA256SUMS from $base_url: check the URL and your connection"
[ "$(wc -c <"$tmp/SHA256SUMS")" -le 1048576 ] || die "SHA256SUMS from $base_url is too large to be a checksum list; refusing"

# The one line for this platform's archive, in the strict form the release
# writes; a name with anything else (a path, a control character) is refused.
line=$(grep -E "^[0-9a-f]{64}  justt-onboard_[0-9A-Za-z.+-]+_${os}_${arch}\\.tar\\.gz\$" "$tmp/SHA256SUMS" || true)
[ -n "$line" ] || die "SHA256SUMS at $base_url lists no archive for $os/$arch"
[ "$(printf '%s\n' "$line" | wc -l)" -eq 1 ] || die "SHA256SUMS at $base_url lists several archives for $os/$arch; refusing to guess"
want=${line%%  *}
archive=${line#*  }

say "downloading $archive"
fetch "$base_url/$archive" "$tmp/$archive" || die "could not download $archive from $base_url"
got=$(sha256 "$tmp/$archive")
if [ "$got" != "$want" ]; then
  die "checksum mismatch for $archive: SHA256SUMS says $want, the download is $got. The file is damaged or was tampered with; nothing was installed."
fi
say "checksum verified: $want"

mkdir "$tmp/x"
tar -xzf "$tmp/$archive" -C "$tmp/x" justt-onboard || die "$archive does not hold justt-onboard; nothing was installed"
if [ ! -f "$tmp/x/justt-onboard" ] || [ -L "$tmp/x/justt-onboard" ]; then
  die "$archive holds no regular justt-onboard file; nothing was installed"
fi

mkdir -p "$dir" || die "could not create $dir: give a folder you can write to with --dir"
# Copy next to the target, then rename: a running justt-onboard is never
# overwritten in place, and a failed copy leaves the old one.
cp "$tmp/x/justt-onboard" "$dir/.justt-onboard.new.$$" || die "could not write to $dir: give a folder you can write to with --dir"
chmod 0755 "$dir/.justt-onboard.new.$$"
mv -f "$dir/.justt-onboard.new.$$" "$dir/justt-onboard" || { rm -f "$dir/.justt-onboard.new.$$"; die "could not install into $dir"; }

version=$("$dir/justt-onboard" --version 2>/dev/null | head -n 1 | LC_ALL=C tr -cd '[:print:]') || version=""
say "installed $dir/justt-onboard${version:+ ($version)}"
case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *) say "note: $dir is not on your PATH; add it (export PATH=\"$dir:\$PATH\") or run $dir/justt-onboard" ;;
esac
