#!/usr/bin/env bash
# Runs every test: unit, integration, media end-to-end and headless-browser tests.
# Installs the Debian packages the tests need when any is missing (root or sudo required then).
set -euo pipefail
cd "$(dirname "$0")/.."

# libwebrtc (webrtc-java) links against PulseAudio and a few X libraries even when it runs headless;
# the Chinese, Japanese and Korean screenshots of the customer page need a font with those scripts
packages=(chromium chromium-driver fonts-wqy-zenhei libpulse0 libxrandr2 libxcomposite1 libxfixes3 libudev1 redis-server ffmpeg janus iproute2 nftables coturn mkvtoolnix)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "Installing missing packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

./mvnw -B verify
