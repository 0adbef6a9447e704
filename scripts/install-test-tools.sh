#!/usr/bin/env sh
# Installs the system tools the test suite drives, from Debian's packages, when they are missing:
#   kubectl (package kubernetes-client): reads the kubeconfigs the emulator and the CLI write;
#   chromium: renders the HTML reference in the docs' browser test (driven by playwright-core).
# Needs root or sudo for apt-get; prints what is missing otherwise.
set -eu

missing=""
command -v kubectl >/dev/null 2>&1 || missing="$missing kubernetes-client"
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing="$missing chromium"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  apt_get="apt-get"
elif command -v sudo >/dev/null 2>&1; then
  apt_get="sudo apt-get"
else
  echo "install-test-tools: please install these Debian packages as root:$missing" >&2
  exit 1
fi
echo "install-test-tools: installing$missing"
$apt_get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq --no-install-recommends $missing >/dev/null
