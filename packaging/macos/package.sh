#!/usr/bin/env bash
# Packages dist/AttentionTrainer.app (built by PyInstaller) as a DMG and a zip:
#   packaging/macos/package.sh VERSION
# Signs when MACOS_CERTIFICATE_P12 (base64 .p12), MACOS_CERTIFICATE_PASSWORD and
# MACOS_SIGN_IDENTITY are set, and notarises when APPLE_ID, APPLE_TEAM_ID and
# APPLE_APP_PASSWORD are set too; without them it says so and ships unsigned.
set -euo pipefail

version="${1:?usage: package.sh VERSION}"
arch="$(uname -m)"
app="dist/AttentionTrainer.app"
dmg="dist/AttentionTrainer-${version}-macos-${arch}.dmg"
zip="dist/AttentionTrainer-${version}-macos-${arch}.zip"
[[ -d "$app" ]] || { echo "error: $app not found; build it first" >&2; exit 2; }

signing=false
if [[ -n "${MACOS_CERTIFICATE_P12:-}" && -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    signing=true
    keychain="${RUNNER_TEMP:-$(mktemp -d)}/signing.keychain-db"
    keychain_password="$(uuidgen)"
    certificate="$(mktemp).p12"
    printf '%s' "$MACOS_CERTIFICATE_P12" | base64 --decode > "$certificate"
    security create-keychain -p "$keychain_password" "$keychain"
    security set-keychain-settings -lut 21600 "$keychain"
    security unlock-keychain -p "$keychain_password" "$keychain"
    security import "$certificate" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -A -t cert -f pkcs12 \
        -k "$keychain"
    rm -f "$certificate"
    security set-key-partition-list -S apple-tool:,apple: -k "$keychain_password" "$keychain"
    # Put the new keychain first in the search list, keeping the others (bash 3 compatible).
    keychains=("$keychain")
    while read -r entry; do keychains+=("${entry//\"/}"); done < <(security list-keychains -d user)
    security list-keychains -d user -s "${keychains[@]}"
    # Hardened runtime, as notarisation requires; every nested library is signed too.
    codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
else
    echo "No signing certificate in the environment: the app stays unsigned."
fi

staging="$(mktemp -d)"
ditto "$app" "$staging/AttentionTrainer.app"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Attention Trainer" -srcfolder "$staging" -fs HFS+ -format UDZO \
    -ov "$dmg"
rm -rf "$staging"

if $signing; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if $signing && [[ -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" ]]; then
    xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler staple "$app"
else
    echo "No notarisation credentials in the environment: skipping notarisation."
fi

# ditto keeps the bundle's symlinks (Qt frameworks) that a plain zip would flatten.
ditto -c -k --sequesterRsrc --keepParent "$app" "$zip"
echo "$dmg"
echo "$zip"
