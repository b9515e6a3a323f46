"""fwmock at growing data sizes: start-up, peak RSS and List latencies.

usage: bench_scale.py FWMOCK_BINARY FIXTURE_DIR N...

For each N it generates N jobs for account acme (scripts/gen-fixtures, cached in FIXTURE_DIR),
starts fwmock on a free port, times the start to its ready line, then measures from one
keep-alive connection (latencies include this Python client, about 0.05 ms a request):
  S1          the first page in default order, repeated
  S2 uncached `state = RUNNING AND num_ranks >= 2`, each request spelled with different
              whitespace so no cache can answer it (same meaning, same work)
  S2 repeated the same S2 request again and again
  S3          page 100 of 50, reached by following tokens, then repeated
  walk        every page to the end with pageSize 200, following tokens: each a new seek
and prints a markdown table. Peak RSS is VmHWM after everything.
"""
import http.client
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import json

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATH = "/v1/accounts/acme/batchJobs"
S2 = "state = RUNNING AND num_ranks >= 2"


def fixture(directory, n):
    path = os.path.join(directory, f"jobs-{n}.json")
    if not os.path.exists(path):
        os.makedirs(directory, exist_ok=True)
        subprocess.run([os.path.join(ROOT, "scripts", "gen-fixtures"), str(n), "--seed", "7",
                        "--accounts", "acme", "--out", path], check=True)
    return path


def start(binary, path):
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary, "--port", "0", "--fixtures", path, "--allow-anonymous"],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    ready = time.perf_counter() - t0
    if "listening on" not in line:
        proc.kill()
        raise SystemExit(f"fwmock did not start: {line!r}")
    return proc, int(line.rsplit(":", 1)[1]), ready


def percentiles(samples):
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p99 * 1000


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)

    def get(self, params):
        query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote)
        t0 = time.perf_counter()
        self.conn.request("GET", f"{PATH}?{query}" if query else PATH)
        response = self.conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - t0
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status}: {body[:200]!r}")
        return elapsed, json.loads(body)

    def timed(self, params, times):
        return [self.get(params)[0] for _ in range(times)]


def measure(client):
    rows = {}
    rows["S1"] = client.timed({}, 200)
    rows["S2 uncached"] = [client.get({"filter": S2.replace(" AND ", " " * (2 + i) + "AND ")})[0]
                           for i in range(50)]
    rows["S2 repeated"] = client.timed({"filter": S2}, 200)
    token, pages = "", 1
    while pages < 100:  # to page 100 of 50, or the last page of a smaller set
        _, page = client.get({"pageSize": 50, **({"pageToken": token} if token else {})})
        if not page["nextPageToken"]:
            break
        token, pages = page["nextPageToken"], pages + 1
    rows[f"S3 (page {pages} of 50)"] = client.timed(
        {"pageSize": 50, **({"pageToken": token} if token else {})}, 200)
    walk, token = [], None
    while token != "":
        elapsed, page = client.get({"pageSize": 200, **({"pageToken": token} if token else {})})
        walk.append(elapsed)
        token = page["nextPageToken"]
    rows[f"walk ({len(walk)} pages of 200)"] = walk
    return rows


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(binary, directory, *sizes):
    print("| jobs | ready s | peak RSS MiB | measure | p50 ms | p99 ms |")
    print("|---:|---:|---:|---|---:|---:|")
    for n in map(int, sizes):
        proc, port, ready = start(binary, fixture(directory, n))
        try:
            rows = measure(Client(port))
            rss = peak_rss_mib(proc.pid)
        finally:
            proc.terminate()
            proc.wait()
        for i, (name, samples) in enumerate(rows.items()):
            p50, p99 = percentiles(samples)
            lead = f"| {n:,} | {ready:.2f} | {rss:,.0f} |" if i == 0 else "| | | |"
            print(f"{lead} {name} | {p50:.3f} | {p99:.3f} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main(*sys.argv[1:])
