"""fwmock's store under writes: Create at 1,000,000 jobs, List while a writer writes, isolation
between accounts, the manual clock over 100,000 jobs, and memory under never-seen filters.

usage: bench_writes.py FWMOCK_BINARY FIXTURE_DIR OUT_DIR

Fixtures: 1,000,000 jobs of account acme (scripts/gen-fixtures 1000000 --seed 7 --accounts acme,
cached in FIXTURE_DIR/jobs-1000000.json, the file --scale uses) and 1,000 of account globex
(--seed 8 --accounts globex, FIXTURE_DIR/globex-1000.json). Every server binds 127.0.0.1 on a
free port, with --allow-anonymous. Every client is Python http.client over one keep-alive
connection (about 0.05 ms of each latency is the client); writers run in processes of their
own, so that they do not share the reader's interpreter lock.

Scenarios (WRITES_SCENARIOS, comma-separated, default all, in this order):
  cross   server A (real clock). The same List of acme (`state = RUNNING AND num_ranks >= 2`,
          pageSize 50) repeated, in alternating segments of WRITES_SEGMENT s: no writes; a
          writer creating and cancelling globex jobs at WRITES_RATE/s; a control writer sending
          GET /healthz at the same rate (the same CPU load without a store write).
  create  server A. WRITES_CREATES creates of {"nodePoolId":"np","displayName":"bench"} to acme,
          back to back from one connection, each followed by a GET /healthz on the same
          connection: a control that shows how much of the tail is the machine, not Create.
  mixed   server A. A writer creates an acme job, then cancels it, alternately, WRITES_RATE
          operations a second. Meanwhile, for WRITES_SECONDS each, from another connection:
          the S2 List above repeated (a filter seen before), then Lists of never-seen filters
          `create_time > "2025-01-01T00:00:00.NNNNNNNNNZ"` (a new NNNNNNNNN each), pageSize 50
          (at least 50 of them, within 3 * WRITES_SECONDS), then for WRITES_SECONDS / 2
          `S2 AND create_time > "2024-01-01T00:00:00.NNNNNNNNNZ"` (never seen, matching only
          the S2 jobs: results are cached by the parsed filter, so a respelling would not do).
  clock   server B: --clock manual --start-time 2026-01-01T00:00:00Z
          --lifecycle creating=1s,pending=1s,running=30m. WRITES_CLOCK_JOBS creates to account
          tick from WRITES_CLOCK_CONNS connections (setup, not timed), clock:advance 2 s (all
          RUNNING), then the timed clock:advance 3600 s and the first List of
          `state = COMPLETED`; then the same number of creates to account tock and one
          clock:advance 3600 s taking them from CREATING to COMPLETED.
  memory  server C: --cache-mb 64. VmRSS before, during and after WRITES_FILTERS never-seen
          filters (the same shape as in mixed), no writes.

Knobs (environment): WRITES_RATE (500), WRITES_SECONDS (20), WRITES_SEGMENT (6; 3 of each
kind), WRITES_CREATES (5000), WRITES_CLOCK_JOBS (100000), WRITES_CLOCK_CONNS (4),
WRITES_FILTERS (2000), WRITES_JOBS (1000000: the size of acme), PERF_RECORD (1: perf record
--call-graph dwarf on the server for the first PERF_SECONDS (20) of each measured phase, into
OUT_DIR/NAME.perf.data; `perf report -i` it).

Prints a markdown table of the targets, then one of every measurement, with the server's CPU
time per request (from /proc/PID/stat: what a request costs whatever else the machine runs) and
the machine's load during each scenario. OUT_DIR gets results.json (every latency sample), the
servers' stderr and any perf data.
"""
import http.client
import json
import multiprocessing
import os
import select
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_scale  # noqa: E402  (fixture(), percentiles())

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S2 = "state = RUNNING AND num_ranks >= 2"
CREATE_BODY = '{"nodePoolId":"np","displayName":"bench"}'
CLOCK_FLAGS = ["--clock", "manual", "--start-time", "2026-01-01T00:00:00Z",
               "--lifecycle", "creating=1s,pending=1s,running=30m"]


def knob(name, default):
    return type(default)(os.environ.get(name, default))


RATE = knob("WRITES_RATE", 500)
SECONDS = knob("WRITES_SECONDS", 20.0)
SEGMENT = knob("WRITES_SEGMENT", 6.0)
CREATES = knob("WRITES_CREATES", 5000)
CLOCK_JOBS = knob("WRITES_CLOCK_JOBS", 100000)
CLOCK_CONNS = knob("WRITES_CLOCK_CONNS", 4)
FILTERS = knob("WRITES_FILTERS", 2000)
JOBS = knob("WRITES_JOBS", 1000000)
PERF = os.environ.get("PERF_RECORD", "0") == "1"
PERF_SECONDS = knob("PERF_SECONDS", 20)
MAX_REQUESTS = 200000  # any one loop stops here, whatever its time bound


def list_path(account, params):
    return f"/v1/accounts/{account}/batchJobs?" + urllib.parse.urlencode(
        params, quote_via=urllib.parse.quote)


def selective_bound(n):
    return f' AND create_time > "2024-01-01T00:00:00.{n % 10**9:09d}Z"'


def never_seen(n):
    return {"pageSize": 50, "filter": f'create_time > "2025-01-01T00:00:00.{n % 10**9:09d}Z"'}


# ---------------------------------------------------------------------------------------------
# Servers and connections


class Server:
    def __init__(self, binary, fixtures, out_dir, name, extra=()):
        self.name = name
        self.stderr_path = os.path.join(out_dir, f"{name}.stderr")
        self.stderr = open(self.stderr_path, "w")
        cmd = [binary, "--port", "0", "--allow-anonymous", "--log", "none"]
        for path in fixtures:
            cmd += ["--fixtures", path]
        cmd += list(extra)
        self.cmd = cmd
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 600)
        line = self.proc.stdout.readline() if ready else ""
        self.ready = time.perf_counter() - t0
        if "listening on" not in line:
            self.proc.kill()
            raise SystemExit(f"{name}: fwmock did not start ({' '.join(cmd)}): {line!r}, "
                             f"see {self.stderr_path}")
        self.port = int(line.rsplit(":", 1)[1])
        self.pid = self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def status(self, key):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024  # MiB
        return 0.0

    def cpu(self):
        """The server's CPU time so far (user + system), in seconds."""
        with open(f"/proc/{self.pid}/stat") as f:
            own = f.read().rsplit(")", 1)[1].split()
        return (int(own[11]) + int(own[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()
        return self.proc.returncode


class Conn:
    """One keep-alive connection; request() returns (status, body bytes, seconds)."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.reconnects = 0

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        t0 = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            status = response.status
        except (http.client.HTTPException, OSError) as e:
            data, status = repr(e).encode(), -1
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.reconnects += 1
        return status, data, time.perf_counter() - t0


class Errors:
    """Counts answers that are not 200, keeping the first few bodies."""

    def __init__(self):
        self.count = 0
        self.samples = []

    def check(self, what, status, body):
        if status == 200:
            return True
        self.count += 1
        if len(self.samples) < 5:
            self.samples.append(f"{what}: {status} {body[:200]!r}")
        return False


class Profile:
    """perf record -g on the server for the life of a with-block, when PERF_RECORD=1."""

    def __init__(self, server, out_dir, name):
        self.proc = None
        if PERF and shutil.which("perf"):
            path = os.path.join(out_dir, f"{name}.perf.data")
            self.proc = subprocess.Popen(
                ["perf", "record", "--call-graph", "dwarf,16384", "-F", "199", "-p",
                 str(server.pid), "-o", path, "--", "sleep", str(PERF_SECONDS)],
                stdout=subprocess.DEVNULL, stderr=open(path + ".log", "w"))

    def __enter__(self):
        time.sleep(0.5 if self.proc else 0)
        return self

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(2)  # SIGINT: perf writes its file and exits
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# ---------------------------------------------------------------------------------------------
# Writers: processes of their own, paced


def writer_main(port, kind, account, rate, seconds, stop, results):
    """kind "jobs": create, then cancel the job created, alternately; "health": GET /healthz.
    Operation i is sent at start + i / rate (at once when late). Stops after `seconds`, at
    `stop`, or after rate * seconds operations."""
    conn = Conn(port)
    latencies = {"create": [], "cancel": [], "health": []}
    errors = Errors()
    max_ops = int(rate * seconds) + 1
    interval = 1.0 / rate
    pending = None
    max_lag = 0.0
    t0 = time.perf_counter()
    i = 0
    while i < max_ops and not stop.is_set():
        due = t0 + i * interval
        now = time.perf_counter()
        if now - t0 > seconds:
            break
        if due > now:
            time.sleep(due - now)
        else:
            max_lag = max(max_lag, now - due)
        if kind == "health":
            status, body, dt = conn.request("GET", "/healthz")
            latencies["health"].append(dt)
            errors.check("healthz", status, body)
        elif pending is None:
            status, body, dt = conn.request("POST", f"/v1/accounts/{account}/batchJobs",
                                            CREATE_BODY)
            latencies["create"].append(dt)
            if errors.check("create", status, body):
                pending = json.loads(body)["name"].rsplit("/", 1)[1]
        else:
            status, body, dt = conn.request(
                "POST", f"/v1/accounts/{account}/batchJobs/{pending}:cancel", "{}")
            latencies["cancel"].append(dt)
            errors.check("cancel", status, body)
            pending = None
        i += 1
    elapsed = time.perf_counter() - t0
    results.put({"kind": kind, "account": account, "ops": i, "seconds": elapsed,
                 "rate": i / elapsed if elapsed else 0.0, "max_lag_ms": max_lag * 1000,
                 "latencies": latencies, "errors": errors.count, "error_samples": errors.samples,
                 "reconnects": conn.reconnects})


class Writer:
    def __init__(self, port, kind, account, rate=RATE, seconds=600):
        self.stop = multiprocessing.Event()
        self.results = multiprocessing.Queue()
        self.proc = multiprocessing.Process(
            target=writer_main, args=(port, kind, account, rate, seconds, self.stop, self.results))
        self.proc.start()

    def finish(self):
        self.stop.set()
        result = self.results.get(timeout=180)
        self.proc.join(60)
        return result


def creator_main(port, account, count, results):
    conn = Conn(port)
    errors = Errors()
    for _ in range(count):
        status, body, _ = conn.request("POST", f"/v1/accounts/{account}/batchJobs", CREATE_BODY)
        errors.check("create", status, body)
    results.put((errors.count, errors.samples))


def create_many(port, account, count, conns):
    """`count` creates to `account` from `conns` processes; returns (seconds, errors)."""
    results = multiprocessing.Queue()
    share = [count // conns + (1 if i < count % conns else 0) for i in range(conns)]
    t0 = time.perf_counter()
    procs = [multiprocessing.Process(target=creator_main, args=(port, account, n, results))
             for n in share]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join(60)
    return time.perf_counter() - t0, sum(o[0] for o in outcomes), [s for o in outcomes
                                                                     for s in o[1]]


# ---------------------------------------------------------------------------------------------
# Measurements


def stats(samples):
    if not samples:
        return {"n": 0, "p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    p50, p99 = bench_scale.percentiles(samples)
    return {"n": len(samples), "p50": p50, "p99": p99, "max": max(samples) * 1000}


def repeat_for(conn, path, seconds, errors, what, limit=MAX_REQUESTS, at_least=0):
    """Sends GET `path` (a function of i, or a string) for `seconds`, or until `at_least`
    answers within 3 * `seconds`; returns the latencies."""
    out = []
    t0 = time.perf_counter()
    while len(out) < limit:
        elapsed = time.perf_counter() - t0
        if elapsed >= 3 * seconds or (elapsed >= seconds and len(out) >= at_least):
            break
        p = path(len(out)) if callable(path) else path
        status, body, dt = conn.request("GET", p)
        errors.check(what, status, body)
        out.append(dt)
    return out


class Report:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.targets = []  # (target, measured, met, command note)
        self.rows = []  # (scenario, measure, stats dict or text)
        self.raw = {}
        self.notes = []

    def row(self, scenario, measure, samples=None, text=None):
        self.raw[f"{scenario}: {measure}"] = samples if samples is not None else text
        self.rows.append((scenario, measure, stats(samples) if samples is not None else text))

    def writer(self, scenario, result):
        name = (f"writer ({result['account']} create/cancel)" if result["kind"] == "jobs"
                else "control writer (GET /healthz)")
        self.raw[f"{scenario}: {name}"] = result
        self.rows.append((scenario, f"{name}: achieved", f"{result['rate']:.0f} ops/s "
                          f"({result['ops']} in {result['seconds']:.1f} s, max lag "
                          f"{result['max_lag_ms']:.0f} ms, {result['errors']} non-200)"))
        for op, samples in result["latencies"].items():
            if samples:
                self.rows.append((scenario, f"{name}: {op}", stats(samples)))
        if result["errors"]:
            self.notes.append(f"{scenario}: writer non-200 answers: {result['error_samples']}")

    def cpu(self, scenario, measure, seconds, count):
        self.rows.append((scenario, f"fwmock CPU: {measure}",
                          f"{seconds * 1000 / max(1, count):.2f} ms a request "
                          f"({seconds:.1f} s over {count:,})"))

    def target(self, target, measured, met):
        self.targets.append((target, measured, "met" if met else "**missed**"))

    def errors(self, scenario, errors):
        if errors.count:
            self.notes.append(f"{scenario}: {errors.count} non-200 answers, e.g. "
                              f"{errors.samples}")

    def print(self):
        print("| target | measured | met? |")
        print("|---|---|---|")
        for t in self.targets:
            print(f"| {t[0]} | {t[1]} | {t[2]} |")
        print()
        print("| scenario | measure | n | p50 ms | p99 ms | max ms |")
        print("|---|---|---:|---:|---:|---:|")
        for scenario, measure, s in self.rows:
            if isinstance(s, dict):
                print(f"| {scenario} | {measure} | {s['n']:,} | {s['p50']:.3f} | {s['p99']:.3f} "
                      f"| {s['max']:.1f} |")
            else:
                print(f"| {scenario} | {measure} | {s} | | | |")
        for note in self.notes:
            print(f"\n- {note}")
        sys.stdout.flush()
        with open(os.path.join(self.out_dir, "results.json"), "w") as f:
            json.dump({"targets": self.targets, "raw": self.raw, "notes": self.notes}, f)


def scenario_cross(server, report, out_dir):
    conn = Conn(server.port)
    errors = Errors()
    path = list_path("acme", {"pageSize": 50, "filter": S2})
    repeat_for(conn, path, 2, errors, "warm-up")
    kinds = {"no writes": [], "globex writes": [], "control (healthz)": []}
    segments = {k: [] for k in kinds}
    with Profile(server, out_dir, "cross"):
        for _ in range(3):
            for kind in kinds:
                writer = None
                if kind == "globex writes":
                    writer = Writer(server.port, "jobs", "globex")
                elif kind.startswith("control"):
                    writer = Writer(server.port, "health", "-")
                if writer:
                    time.sleep(0.5)
                samples = repeat_for(conn, path, SEGMENT, errors, f"acme list ({kind})")
                kinds[kind] += samples
                segments[kind].append(stats(samples)["p50"])
                if writer:
                    report.writer("cross", writer.finish())
    for kind, samples in kinds.items():
        report.row("cross", f"acme cached List, {kind} (segment p50s "
                   f"{', '.join(f'{p:.3f}' for p in segments[kind])})", samples)
    quiet, written, control = (stats(kinds[k])["p50"] for k in kinds)
    spread = max(max(v) - min(v) for v in segments.values())
    report.target("a write to globex leaves acme's cached List at its cached latency (p50s equal "
                  "within noise)",
                  f"{quiet:.3f} ms no writes, {written:.3f} ms under globex writes, {control:.3f}"
                  f" ms under the healthz control; segment p50s spread up to {spread:.3f} ms",
                  abs(written - control) <= max(spread, 0.1 * control))
    report.errors("cross", errors)


def scenario_create(server, report, out_dir):
    conn = Conn(server.port)
    errors = Errors()
    samples, control = [], []
    cpu0 = server.cpu()
    with Profile(server, out_dir, "create"):
        for _ in range(CREATES):
            status, body, dt = conn.request("POST", "/v1/accounts/acme/batchJobs", CREATE_BODY)
            errors.check("create", status, body)
            samples.append(dt)
            status, body, dt = conn.request("GET", "/healthz")
            errors.check("healthz", status, body)
            control.append(dt)
    cpu = server.cpu() - cpu0
    s = stats(samples)
    report.row("create", f"Create to acme ({JOBS:,} jobs), back to back", samples)
    report.row("create", "control: GET /healthz after each Create, same connection", control)
    report.cpu("create", "a Create and a GET /healthz", cpu, len(samples))
    report.target(f"Create p99 < 2 ms at {JOBS:,} jobs in one account",
                  f"p50 {s['p50']:.3f} ms, p99 {s['p99']:.3f} ms (n={s['n']:,})",
                  s["p99"] < 2)
    report.errors("create", errors)


def scenario_mixed(server, report, out_dir):
    conn = Conn(server.port)
    errors = Errors()
    path = list_path("acme", {"pageSize": 50, "filter": S2})
    repeat_for(conn, path, 1, errors, "warm-up")
    writer = Writer(server.port, "jobs", "acme")
    time.sleep(1)
    cpu0 = server.cpu()
    with Profile(server, out_dir, "mixed-cached"):
        cached = repeat_for(conn, path, SECONDS, errors, "cached list")
    cpu_cached = server.cpu() - cpu0
    report.writer("mixed (cached List)", writer.finish())
    writer = Writer(server.port, "jobs", "acme")
    time.sleep(1)
    base = 10**8  # nanoseconds no other scenario of this server uses
    cpu0 = server.cpu()
    with Profile(server, out_dir, "mixed-never-seen"):
        fresh = repeat_for(conn, lambda i: list_path("acme", never_seen(base + i)), SECONDS,
                           errors, "never-seen list", limit=FILTERS, at_least=50)
    cpu_fresh = server.cpu() - cpu0
    report.writer("mixed (never-seen List)", writer.finish())
    # A never-seen filter that matches few jobs: the S2 jobs, with a time bound before them all
    # that no cache has seen (results are cached by the parsed filter, so a new spelling of S2
    # would be seen before).
    writer = Writer(server.port, "jobs", "acme")
    time.sleep(1)
    cpu0 = server.cpu()
    respelled = repeat_for(
        conn, lambda i: list_path("acme", {"pageSize": 50, "filter": S2 + selective_bound(i)}),
        SECONDS / 2, errors, "never-seen selective list", limit=2000)
    cpu_respelled = server.cpu() - cpu0
    report.writer("mixed (never-seen selective List)", writer.finish())
    report.row("mixed", "List, seen-before filter (S2), under acme writes", cached)
    report.row("mixed", "List, never-seen filter, under acme writes", fresh)
    report.row("mixed", "List, never-seen selective filter (S2 AND a new create_time bound), "
               "under acme writes", respelled)
    for what, cpu, samples in (("seen-before List (and the writer's share)", cpu_cached, cached),
                               ("never-seen List (and the writer's share)", cpu_fresh, fresh),
                               ("never-seen selective List (and the writer's share)",
                                cpu_respelled, respelled)):
        report.cpu("mixed", what, cpu, len(samples))
    c, f = stats(cached), stats(fresh)
    report.target(f"under {RATE}/s acme writes: List of a seen-before filter p50 < 2 ms",
                  f"p50 {c['p50']:.3f} ms, p99 {c['p99']:.3f} ms (n={c['n']:,})", c["p50"] < 2)
    report.target(f"under {RATE}/s acme writes: List of a never-seen filter p50 < 50 ms",
                  f"p50 {f['p50']:.3f} ms, p99 {f['p99']:.3f} ms (n={f['n']:,})", f["p50"] < 50)
    report.errors("mixed", errors)


def list_total(conn, account, filter_text, errors):
    status, body, dt = conn.request("GET", list_path(account, {"pageSize": 1,
                                                               "filter": filter_text}))
    if not errors.check(f"list {filter_text}", status, body):
        return None, dt
    return json.loads(body)["totalSize"], dt


def advance(conn, seconds, errors):
    status, body, dt = conn.request("POST", "/_fwmock/clock:advance",
                                    json.dumps({"seconds": seconds}))
    errors.check(f"advance {seconds}", status, body)
    return dt


def fresh_conn(port):
    conn = Conn(port)
    conn.request("GET", "/_fwmock/clock")
    return conn


def scenario_clock(server, report, out_dir):
    conn = Conn(server.port)
    errors = Errors()
    n = CLOCK_JOBS
    took, failed, samples = create_many(server.port, "tick", n, CLOCK_CONNS)
    report.row("clock", f"setup: {n:,} creates to tick from {CLOCK_CONNS} connections",
               text=f"{took:.1f} s, {n / took:,.0f}/s, {failed} non-200")
    if failed:
        report.notes.append(f"clock: create failures {samples}")
    conn = fresh_conn(server.port)  # the first one idled past the keep-alive timeout
    two = advance(conn, 2, errors)  # CREATING -> PENDING -> RUNNING
    running, _ = list_total(conn, "tick", "state = RUNNING", errors)
    report.row("clock", f"clock:advance 2 s (tick: {2 * n:,} transitions, to RUNNING)",
               text=f"{two * 1000:.0f} ms; then RUNNING totalSize {running}")
    cpu0 = server.cpu()
    with Profile(server, out_dir, "clock-advance"):
        hour = advance(conn, 3600, errors)
    cpu_hour = server.cpu() - cpu0
    cpu0 = server.cpu()
    completed, first = list_total(conn, "tick", "state = COMPLETED", errors)
    cpu_first = server.cpu() - cpu0
    report.raw["clock: seconds (advance 2 s, advance 3600 s, first List; CPU of the last two)"] = [
        two, hour, first, cpu_hour, cpu_first]
    still, _ = list_total(conn, "tick", "state = RUNNING", errors)
    report.row("clock", f"clock:advance 3600 s (tick: {n:,} RUNNING -> COMPLETED)",
               text=f"{hour * 1000:.0f} ms (fwmock CPU {cpu_hour * 1000:.0f} ms)")
    report.row("clock", "first List `state = COMPLETED` after it",
               text=f"{first * 1000:.1f} ms (fwmock CPU {cpu_first * 1000:.0f} ms), totalSize "
               f"{completed} (RUNNING left: {still})")
    report.target(f"clock:advance 1 h over {n:,} running jobs applies every transition in < 1 s",
                  f"{hour * 1000:.0f} ms; then the first List `state = COMPLETED` "
                  f"{first * 1000:.0f} ms, totalSize {completed}",
                  hour < 1 and completed == n and still == 0)
    took, failed, samples = create_many(server.port, "tock", n, CLOCK_CONNS)
    report.row("clock", f"setup: {n:,} creates to tock", text=f"{took:.1f} s, {failed} non-200")
    conn = fresh_conn(server.port)
    with Profile(server, out_dir, "clock-advance-from-creating"):
        whole = advance(conn, 3600, errors)
    completed2, first2 = list_total(conn, "tock", "state = COMPLETED", errors)
    report.row("clock", f"clock:advance 3600 s (tock: {3 * n:,} transitions, CREATING -> "
               "COMPLETED)", text=f"{whole * 1000:.0f} ms; first List `state = COMPLETED` "
               f"{first2 * 1000:.0f} ms, totalSize {completed2}")
    report.errors("clock", errors)


def scenario_memory(server, report, out_dir):
    conn = Conn(server.port)
    errors = Errors()
    before = server.status("VmRSS")
    trace = [(0, before)]
    samples = []
    t0 = time.perf_counter()
    cpu0 = server.cpu()
    with Profile(server, out_dir, "memory"):
        for i in range(FILTERS):
            if time.perf_counter() - t0 > 900:
                report.notes.append(f"memory: stopped after {i} filters (900 s bound)")
                break
            status, body, dt = conn.request("GET", list_path("acme", never_seen(2 * 10**8 + i)))
            errors.check("never-seen list", status, body)
            samples.append(dt)
            if (i + 1) % 100 == 0:
                trace.append((i + 1, server.status("VmRSS")))
    cpu = server.cpu() - cpu0
    after = server.status("VmRSS")
    peak = server.status("VmHWM")
    report.cpu("memory", "never-seen List, no writes", cpu, len(samples))
    report.raw["memory: VmRSS trace (filters, MiB)"] = trace
    report.row("memory", f"List, never-seen filter, no writes, --cache-mb 64", samples)
    mid = trace[len(trace) // 2][1]
    report.row("memory", "VmRSS MiB: before / at half / after / peak (VmHWM)",
               text=f"{before:,.0f} / {mid:,.0f} / {after:,.0f} / {peak:,.0f}")
    report.row("memory", "VmRSS MiB every 100 filters",
               text=" ".join(f"{r:,.0f}" for _, r in trace))
    report.target(f"RSS flat under {len(samples):,} never-seen filters, --cache-mb 64 "
                  "(growth within the 64 MiB budget)",
                  f"{before:,.0f} MiB before, {after:,.0f} MiB after (+{after - before:,.0f}), "
                  f"peak {peak:,.0f}", after - before <= 64)
    report.errors("memory", errors)


def globex_fixture(directory):
    path = os.path.join(directory, "globex-1000.json")
    if not os.path.exists(path):
        os.makedirs(directory, exist_ok=True)
        subprocess.run([os.path.join(ROOT, "scripts", "gen-fixtures"), "1000", "--seed", "8",
                        "--accounts", "globex", "--out", path], check=True)
    return path


def cpu_times(pid):
    """(machine busy jiffies, machine total jiffies, the process's utime + stime jiffies)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    with open(f"/proc/{pid}/stat") as f:
        own = f.read().rsplit(")", 1)[1].split()
    return sum(fields) - idle, sum(fields), int(own[11]) + int(own[12])


def run(server_factory, name, scenarios, report):
    server = server_factory()
    report.row(name, "server", text=f"ready in {server.ready:.1f} s: "
               f"{' '.join(os.path.basename(a) for a in server.cmd)}")
    try:
        for scenario in scenarios:
            load = os.getloadavg()[0]
            busy0, total0, own0 = cpu_times(server.pid)
            t0 = time.perf_counter()
            scenario(server, report, report.out_dir)
            if server.alive():
                busy1, total1, own1 = cpu_times(server.pid)
                cores = os.cpu_count() or 1
                report.row(scenario.__name__.split("_")[1], "machine during it",
                           text=f"{time.perf_counter() - t0:.0f} s; load average {load:.1f} "
                           f"before, {os.getloadavg()[0]:.1f} after; all {cores} cores "
                           f"{100 * (busy1 - busy0) / max(1, total1 - total0):.0f}% busy, "
                           f"fwmock {100 * (own1 - own0) / max(1, total1 - total0) * 1:.0f}% "
                           "of the machine")
            if not server.alive():
                report.notes.append(f"SERVER DIED during {scenario.__name__}: exit "
                                    f"{server.proc.returncode}, see {server.stderr_path}")
                break
    finally:
        code = server.stop()
        if code not in (0, None):
            report.notes.append(f"{name}: exit code {code} on SIGTERM, see {server.stderr_path}")


def main(binary, fixture_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    wanted = os.environ.get("WRITES_SCENARIOS", "cross,create,mixed,clock,memory").split(",")
    acme = bench_scale.fixture(fixture_dir, JOBS)
    globex = globex_fixture(fixture_dir)
    report = Report(out_dir)
    a = [s for s in (scenario_cross, scenario_create, scenario_mixed)
         if s.__name__.split("_")[1] in wanted]
    if a:
        run(lambda: Server(binary, [acme, globex], out_dir, "server-a"), "server A", a, report)
    if "clock" in wanted:
        run(lambda: Server(binary, [globex], out_dir, "server-b", CLOCK_FLAGS), "server B",
            [scenario_clock], report)
    if "memory" in wanted:
        run(lambda: Server(binary, [acme, globex], out_dir, "server-c", ["--cache-mb", "64"]),
            "server C", [scenario_memory], report)
    report.print()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
