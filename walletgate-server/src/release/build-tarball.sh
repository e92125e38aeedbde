#!/usr/bin/env bash
# Builds the release tarball of the service (docs/release.md); run by ./mvnw -Prelease package, in walletgate-server:
#
#   build-tarball.sh JDK_HOME TARGET_DIR VERSION REPOSITORY_ROOT
#
# walletgate-VERSION-linux-x86_64.tar.gz in TARGET_DIR holds walletgate-VERSION/ with
#   bin/walletgate      the launcher (src/release/bin/walletgate)
#   runtime/            a Java runtime made by jlink with only the modules the service needs
#   walletgate.jar lib/ the service's jar and its libraries, as in target/
#   LICENSE             the repository's licence
#   sbom.cdx.json       the service's CycloneDX SBOM (target/bom.json)
# The modules: what jdeps finds the jar and its libraries use, and jdk.crypto.ec, which nothing names but TLS needs
# (ECDHE key exchange and EC certificates, as at the JWKS endpoints of the providers: SunEC is in that module on
# JDK 17).
set -euo pipefail
JDK=$1 TARGET=$2 VERSION=$3 ROOT=$4
NAME=walletgate-$VERSION
TARBALL=$TARGET/$NAME-linux-x86_64.tar.gz
STAGE=$TARGET/release/$NAME
HERE=$(cd "$(dirname "$0")" && pwd)

for f in "$TARGET/walletgate.jar" "$TARGET/lib" "$TARGET/bom.json" "$ROOT/LICENSE"; do
    [ -e "$f" ] || { echo "build-tarball: $f is missing" >&2; exit 1; }
done
RELEASE_FEATURE=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JDK/release")

modules=$("$JDK/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$RELEASE_FEATURE" \
    --class-path "$TARGET/lib/*" "$TARGET/walletgate.jar")
modules="$modules,jdk.crypto.ec"
echo "build-tarball: jlink $modules"

rm -rf "$TARGET/release"
mkdir -p "$STAGE"
# No --compress: the tarball's gzip does better on the plain module image (27 MB against 33 MB). A CDS archive, as a
# JDK has, starts each command about a third faster (+6 MB).
"$JDK/bin/jlink" --add-modules "$modules" --output "$STAGE/runtime" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive
cp -r "$HERE/bin" "$STAGE/bin"
cp "$TARGET/walletgate.jar" "$STAGE/"
cp -r "$TARGET/lib" "$STAGE/lib"
cp "$ROOT/LICENSE" "$STAGE/LICENSE"
cp "$TARGET/bom.json" "$STAGE/sbom.cdx.json"
chmod 755 "$STAGE/bin/walletgate"

# The same bytes for the same inputs: sorted entries, no owner names, one time stamp (the jar's).
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(stat -c %Y "$TARGET/walletgate.jar")" \
    -C "$TARGET/release" -cf - "$NAME" | gzip -9n >"$TARBALL"
echo "build-tarball: $TARBALL ($(du -h "$TARBALL" | cut -f1); unpacked $(du -sh "$STAGE" | cut -f1))"
