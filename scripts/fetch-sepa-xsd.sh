#!/usr/bin/env bash
# The official ISO 20022 schema of the SEPA direct debit file (pain.008.001.02.xsd) is not on npm; Debian ships it in
# the Tryton SEPA module's tests. tests/sepa.test.ts validates every exported file against it (ADR 053).
# Idempotent: does nothing when .cache/sepa-xsd/pain.008.001.02.xsd is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=.cache/sepa-xsd/pain.008.001.02.xsd
[ -s "$TARGET" ] && exit 0
mkdir -p .cache/sepa-xsd
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && apt-get download tryton-modules-account-payment-sepa >/dev/null 2>&1) || {
  apt-get update -qq
  (cd "$WORK" && apt-get download tryton-modules-account-payment-sepa)
}
dpkg-deb -x "$WORK"/tryton-modules-account-payment-sepa_*.deb "$WORK/x"
FOUND=$(find "$WORK/x" -name pain.008.001.02.xsd | head -n 1)
[ -n "$FOUND" ] || { echo "pain.008.001.02.xsd absent du paquet tryton-modules-account-payment-sepa" >&2; exit 1; }
cp "$FOUND" "$TARGET.tmp" && mv "$TARGET.tmp" "$TARGET"
echo "SEPA XSD: $TARGET"
