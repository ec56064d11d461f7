#!/usr/bin/env bash
# Installs what the tests need (nginx, vsftpd, tinyproxy, dante-server, curl, libcurl) and runs every test project of Curlew.slnx.
# Ends with one line "N passed, N failed[, N skipped]" computed from the trx results; exits non-zero
# if any test failed or none ran. Leaves no server and no working files behind. Works from any directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
ldconfig -p 2>/dev/null | grep -q 'libcurl.so.4 ' || missing+=(libcurl4)
[ -x /usr/sbin/vsftpd ] || missing+=(vsftpd)
[ -x /usr/bin/tinyproxy ] || missing+=(tinyproxy)
[ -x /usr/sbin/danted ] || missing+=(dante-server)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  # Never let a package start a system nginx on port 80, vsftpd on 21, tinyproxy or danted; tests run their own with
  # a private config.
  policy_created=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  as_root apt-get update -qq
  packages=(curl libcurl4 vsftpd tinyproxy dante-server)
  if apt-cache show nginx-light >/dev/null 2>&1; then packages+=(nginx-light); else packages+=(nginx); fi
  install_status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" || install_status=$?
  if [ "$install_status" -ne 0 ] && [[ " ${packages[*]} " == *" nginx-light "* ]]; then
    install_status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl libcurl4 vsftpd tinyproxy dante-server nginx || install_status=$?
  fi
  if [ "$policy_created" -eq 1 ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  [ "$install_status" -eq 0 ] || { echo "test.sh: apt-get install failed ($install_status)" >&2; exit "$install_status"; }
fi

results_dir="$(mktemp -d "${TMPDIR:-/tmp}/curlew-test-results.XXXXXX")"
# The test host's temp dir lives inside the results dir, so everything a test writes under the temp path (nginx's
# config, pid file and docroot, Unix sockets) belongs to this run alone and goes with it. nginx workers run as
# "nobody" when started as root: they must be able to walk down to their docroot.
run_tmp="$results_dir/tmp"
mkdir "$run_tmp"
chmod 755 "$results_dir" "$run_tmp"

# A safety net after the tests' own cleanup (which stops every server when the run ends, even after a failure): a
# test host that crashed or was killed cannot clean up, so stop any nginx, vsftpd, tinyproxy or danted whose pid file is
# under this run's temp dir (the vsftpd and proxy fixtures write one for this), then remove the run's working files. Only this run's processes are
# touched, found by their pid files.
descendants() { # descendants PID -> every process below PID, children first listed before their own children
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do echo "$child"; descendants "$child"; done
}
stop_leftovers() {
  local pidfile pid name tree
  while IFS= read -r -d '' pidfile; do
    name="$(basename "$pidfile" .pid)"
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    [ -n "$pid" ] && grep -qa "$name" "/proc/$pid/cmdline" 2>/dev/null || continue
    echo "test.sh: $name $pid ($pidfile) was still running after the tests; stopping it" >&2
    # Taken before the parent goes: vsftpd's session processes (two per session) outlive it and get reparented.
    tree="$(descendants "$pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    if [ -e "/proc/$pid" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    for child in $tree; do kill -KILL "$child" 2>/dev/null || true; done
  done < <(find "$run_tmp" \( -name nginx.pid -o -name vsftpd.pid -o -name tinyproxy.pid -o -name danted.pid \) -print0 2>/dev/null)
  rm -rf "$results_dir"
}
trap stop_leftovers EXIT

# CURLEW_ARTIFACTS_PATH (optional) keeps build output out of the tree, e.g. when several builds share a checkout.
artifacts=()
if [ -n "${CURLEW_ARTIFACTS_PATH:-}" ]; then artifacts=(--artifacts-path "$CURLEW_ARTIFACTS_PATH"); fi
test_status=0
# libcurl and Curlew both take a proxy from these when no proxy option is set: a developer's proxy settings must not
# reroute the tests' loopback transfers (the proxy tests set what they need themselves).
unset http_proxy https_proxy HTTPS_PROXY ftp_proxy FTP_PROXY ftps_proxy FTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
# Built first with the usual temp dir, so build servers that outlive this script do not point into a removed one.
dotnet build Curlew.slnx -c Release "${artifacts[@]}" || test_status=$?
if [ "$test_status" -eq 0 ]; then
  TMPDIR="$run_tmp" dotnet test Curlew.slnx -c Release --no-build "${artifacts[@]}" \
    --logger "console;verbosity=normal" \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$results_dir" || test_status=$?
fi

# Sum the counters of every trx file (one per test project); plain bash so no extra tool is needed.
passed=0 failed=0 skipped=0
counter() { # counter NAME LINE -> the attribute's value, 0 when absent
  local value
  value="$(printf '%s' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || true)"
  echo "${value:-0}"
}
while IFS= read -r -d '' trx; do
  line="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  [ -n "$line" ] || continue
  total="$(counter total "$line")"; executed="$(counter executed "$line")"
  passed=$((passed + $(counter passed "$line")))
  failed=$((failed + $(counter failed "$line") + $(counter error "$line") + $(counter timeout "$line") + $(counter aborted "$line")))
  skipped=$((skipped + total - executed))
done < <(find "$results_dir" -name '*.trx' -print0)

# Name every failed test (and the first lines of its message) right above the count, so a CI log that keeps only its
# last lines still says what failed.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  while IFS= read -r -d '' trx; do
    python3 - "$trx" <<'PY' || grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") != "Failed":
        continue
    print("  " + result.get("testName", "?"))
    message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
    for line in ((message.text or "") if message is not None else "").splitlines()[:6]:
        print("    " + line[:300])
PY
  done < <(find "$results_dir" -name '*.trx' -print0)
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ] || [ "$test_status" -ne 0 ]; then
  exit 1
fi
