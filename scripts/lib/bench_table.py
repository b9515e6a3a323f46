"""Medians over several compare.sh runs, with fwmock's ratios to each peer and the targets.

usage: bench_table.py RUN_DIR... (each holding compare.sh's results.tsv)
"""
import csv
import statistics
import sys

OURS = "fwmock"
PEERS = ["nginx", "json-server", "prism", "mockoon-crud", "mockoon-tpl"]


def load(dirs):
    cells = {}
    for d in dirs:
        with open(f"{d}/results.tsv", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                try:
                    values = (float(row["rps"]), float(row["p50_us"]), float(row["p99_us"]),
                              float(row["errors"] or 0))
                except (TypeError, ValueError):
                    continue
                key = (row["peer"], row["scen"], int(row["conns"]))
                cells.setdefault(key, []).append(values)
    # Medians of req/s and latencies; errors summed over the runs.
    return {k: tuple(statistics.median(v[i] for v in vs) for i in range(3))
            + (sum(v[3] for v in vs), len(vs)) for k, vs in cells.items()}


def fmt(x, digits=0):
    return "-" if x is None else f"{x:,.{digits}f}"


def nginx_targets(scen, conns, ratio, p99):
    """Issue 8's bars: at 64 connections >= 0.8 x nginx req/s with p99 <= nginx's; at one
    connection >= 1.0 x nginx req/s."""
    out = []
    need = {1: 1.0, 64: 0.8}.get(conns)
    if need is not None and ratio is not None:
        out.append((f"{scen} c={conns}: req/s >= {need} x nginx", ratio >= need, f"{ratio:.2f}"))
    if conns == 64 and p99 is not None:
        out.append((f"{scen} c={conns}: p99 <= nginx p99", p99 <= 1, f"{p99:.2f}"))
    return out


def main(dirs):
    cells = load(dirs)
    keys = sorted({(s, c) for (_, s, c) in cells}, key=lambda k: (k[0], k[1]))
    peers = [p for p in PEERS if any(k[0] == p for k in cells)]
    print(f"Medians of {len(dirs)} run(s); req/s, p99 in ms; x = fwmock / peer.\n")
    head = ["scen", "conns", "fwmock req/s", "fwmock p50", "fwmock p99", "fwmock errors"]
    for p in peers:
        head += [f"{p} req/s", f"{p} p99", f"x {p} req/s"]
        if p == "nginx":
            head.append("x nginx p99")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    verdicts = []
    for scen, conns in keys:
        ours = cells.get((OURS, scen, conns))
        row = [scen, str(conns)]
        row += ([fmt(ours[0]), fmt(ours[1] / 1000, 2), fmt(ours[2] / 1000, 2), fmt(ours[3])]
                if ours else ["-"] * 4)
        for p in peers:
            peer = cells.get((p, scen, conns))
            ratio = ours[0] / peer[0] if ours and peer and peer[0] else None
            row += [fmt(peer[0]) if peer else "-", fmt(peer[2] / 1000, 2) if peer else "-",
                    fmt(ratio, 2)]
            if p == "nginx":
                p99 = ours[2] / peer[2] if ours and peer and peer[2] else None
                row.append(fmt(p99, 2))
                verdicts += nginx_targets(scen, conns, ratio, p99)
            if p == "json-server" and ratio is not None:
                verdicts.append((f"{scen} c={conns}: req/s >= 100 x json-server", ratio >= 100,
                                 f"{ratio:.0f}"))
        print("| " + " | ".join(row) + " |")
        if ours and conns >= 1000:
            verdicts.append((f"{scen} c={conns}: zero errors", ours[3] == 0, f"{ours[3]:.0f}"))
    print("\nTargets:\n")
    for name, ok, value in verdicts:
        print(f"- {'PASS' if ok else 'FAIL'} {name} (measured {value})")


if __name__ == "__main__":
    main(sys.argv[1:])
