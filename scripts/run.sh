#!/usr/bin/env bash
# Builds the all-in-one server (tests skipped) and runs it with its embedded defaults:
# HTTP on 8080, HTTPS on 8443 (self-signed certificate under ./data), media on UDP 10000.
# Arguments are passed to the server, e.g. scripts/run.sh --remote-support.relay.port=10001
set -euo pipefail
cd "$(dirname "$0")/.."
# only the server and the modules it is made of
./mvnw -q -B -DskipTests -pl app -am package
exec java -jar app/target/remote-support.jar "$@"
