#!/usr/bin/env bash
# Start-up figures for curlew (issue 14): the wall time of one small GET against a local nginx, as the median of 30
# runs after 3 warm-up runs (hyperfine), for curl, the JIT build of curlew (framework-dependent apphost) and the
# NativeAOT build. Prints the three medians and the AOT/curl ratio (goal: at most 1.2).
# Needs: hyperfine, nginx, curl, and for NativeAOT a C toolchain (clang or gcc) and zlib1g-dev
#   (apt-get install hyperfine nginx-light curl gcc zlib1g-dev).
# Leaves nothing behind: nginx is stopped and the build folder removed on exit. Timings on a busy machine vary;
# the script reports what it measured and asserts nothing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/curlew-startup-XXXXXX)"
chmod 755 "$work"
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for tool in hyperfine nginx curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || { echo "startup-bench: $tool is missing" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "startup-bench: building the JIT and NativeAOT builds of src/Curlew.Cli"
dotnet publish "$repo_root/src/Curlew.Cli" -c Release -r linux-x64 --self-contained false -o "$work/jit" -v quiet -nologo >/dev/null
dotnet publish "$repo_root/src/Curlew.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -v quiet -nologo >/dev/null

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$work/www" "$work/logs"
printf 'hello curlew\n' > "$work/www/small.txt"
cat > "$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/logs; proxy_temp_path $work/logs; fastcgi_temp_path $work/logs;
  uwsgi_temp_path $work/logs; scgi_temp_path $work/logs;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/small.txt" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/small.txt" >/dev/null || { echo "startup-bench: nginx did not start" >&2; exit 1; }

url="http://127.0.0.1:$port/small.txt"
hyperfine --warmup 3 --runs 30 -N --export-json "$work/result.json" \
  -n curl "curl -s -o /dev/null $url" \
  -n curlew-jit "$work/jit/curlew -s -o /dev/null $url" \
  -n curlew-aot "$work/aot/curlew -s -o /dev/null $url" >/dev/null

python3 - "$work/result.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
for name, median in results.items():
    print(f"{name:12} median {median * 1000:7.2f} ms")
print(f"AOT / curl   {results['curlew-aot'] / results['curl']:.2f}x (goal <= 1.2x)")
print(f"JIT / curl   {results['curlew-jit'] / results['curl']:.2f}x")
PY
