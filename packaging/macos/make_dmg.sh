#!/usr/bin/env bash
# macOS disk image of FieldApp (docs/packaging.md). Run on a Mac from the repository root,
# after `make translations` and with the venv of `make test`:
#   packaging/macos/make_dmg.sh
# Optional: CODESIGN_IDENTITY="Developer ID Application: …" and NOTARY_PROFILE (a
# `xcrun notarytool store-credentials` profile) to sign and notarize. Not tried: no Mac here.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(.venv/bin/python -c 'from importlib.metadata import version; print(version("fieldapp"))')
arch=$(uname -m)
app=dist/FieldApp.app
dmg="dist/FieldApp-${version}-macos-${arch}.dmg"

.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
test -d "$app"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  # Hardened runtime is required for notarization; sign the bundle as a whole, deep.
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi

# The bundle must work before it is shipped: the same self-test as in CI, offscreen.
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/FieldApp" --self-test

staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag-and-drop install
rm -f "$dmg"
hdiutil create -volname "FieldApp ${version}" -srcfolder "$staging" -fs HFS+ -format UDZO "$dmg"
rm -rf "$staging"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$dmg"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
  fi
fi
(cd dist && shasum -a 256 "$(basename "$dmg")" >> SHA256SUMS)
echo "$dmg"
