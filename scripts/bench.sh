#!/usr/bin/env bash
# Runs the relay benchmark: JMH microbenchmarks of the relay's per-packet path, then the
# "support sessions" scenario against our relay, Janus and a plain UDP forwarder (the floor) in one
# run, with a Flight Recorder profile of our relay. Writes bench/results/<UTC time>.md and puts its
# comparison table into the README. Everything listens on loopback addresses only.
#
#   scripts/bench.sh                      full run (under 10 minutes on 2 cores)
#   scripts/bench.sh --steps 10,25        other values of K (concurrent sessions)
#   BENCH_JMH=0 scripts/bench.sh          skip the microbenchmarks
#   scripts/bench.sh --pairing            pairing latency instead (customer queue.join -> agent offered)
#                                         with 5,000 waiting customers and 500 agents, on one node and on two
#                                         nodes sharing a redis-server; writes bench/results/pairing-latency.md.
#                                         Options after it: --customers N --agents N --idle-agents N
#                                         --probes N --topologies one,two
#   BENCH_FIRST_LOAD=0 scripts/bench.sh   skip the customer page's first-load measurement
#   scripts/bench.sh --first-load-only    only that (about five minutes; needs chromium and chromedriver)
#   scripts/bench.sh --first-frame        join to first frame instead: the customer presses Start, the agent
#                                         sees the first frame, in headless Chromium on loopback and at 100 ms
#                                         RTT (delay lines in the bench, no netem needed); writes
#                                         bench/results/first-frame.md. Options after it: --runs=N (default 20)
#
# The first-load measurement (after the relay benchmark) opens the customer page in headless
# Chromium over an emulated 3G-like link and unthrottled, and writes
# bench/results/customer-first-load.md.
#
# Installs the Debian packages janus and iproute2 (redis-server for --pairing, chromium and
# chromium-driver for the first load) when missing, and gives Janus a loopback-range address on a
# veth link of its own for the run; both need root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

pairing=0
if [[ "${1:-}" == --pairing ]]; then
  pairing=1
  shift
fi
first_load_only=0
if [[ "${1:-}" == --first-load-only ]]; then
  first_load_only=1
fi
first_frame=0
if [[ "${1:-}" == --first-frame ]]; then
  first_frame=1
  shift
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
packages=(janus iproute2)
if [[ "${BENCH_FIRST_LOAD:-1}" != 0 ]]; then
  packages+=(chromium chromium-driver)
fi
if ((pairing)); then
  packages=(redis-server)
elif ((first_load_only || first_frame)); then
  packages=(chromium chromium-driver)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "Installing missing packages: ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

first_load() {
  # the all-in-one server's jar serves the page; the measurement starts it on a free port
  ./mvnw -B -q -pl app,bench -am package -DskipTests
  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    org.remotesupport.bench.firstload.CustomerFirstLoadBench --app-jar=app/target/remote-support.jar \
    --out=bench/results/customer-first-load.md --work=bench/target/first-load
}

if ((first_load_only)); then
  first_load
  exit 0
fi

if ((first_frame)); then
  # the all-in-one server's jar is the server under test; the bench starts it on free ports
  ./mvnw -B -q -pl app,bench -am package -DskipTests
  exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    org.remotesupport.bench.firstframe.FirstFrameBench --app-jar=app/target/remote-support.jar \
    --out=bench/results/first-frame.md --work=bench/target/first-frame "$@"
fi

./mvnw -B -q -pl bench -am package -DskipTests
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
work=bench/target/bench-work

if ((pairing)); then
  # the servers and 5,500 WebSocket clients share this JVM
  exec java -Xmx4g -cp "$classpath" org.remotesupport.bench.pairing.PairingBench \
    --out bench/results/pairing-latency.md "$@"
fi
rm -rf "$work"
mkdir -p "$work"

jmh_args=()
if [[ "${BENCH_JMH:-1}" != 0 ]]; then
  # one fork, short iterations: enough to rank the parts of the path; -prof gc adds bytes allocated per packet
  java -cp "$classpath" org.openjdk.jmh.Main 'org.remotesupport.bench.micro.*' \
    -f 1 -wi 1 -w 1s -i 3 -r 1s -prof gc -rf text -rff "$work/jmh.txt" > "$work/jmh.log" 2>&1 \
    || { tail -50 "$work/jmh.log"; exit 1; }
  jmh_args=(--jmh "$work/jmh.txt")
fi

java -cp "$classpath" org.remotesupport.bench.BenchMain --profile --readme README.md \
  --out bench/results --work "$work" "${jmh_args[@]}" "$@"

if [[ "${BENCH_FIRST_LOAD:-1}" != 0 ]]; then
  first_load
fi
