"""Writes every string literal that opens a test-table row ({"...", ...}) to a seed file."""
import ast
import hashlib
import pathlib
import re
import sys

ROW = re.compile(r'\{\s*("(?:[^"\\]|\\.)*")\s*,')


def main(out_dir, *sources):
    out = pathlib.Path(out_dir)
    count = 0
    for source in sources:
        for match in ROW.finditer(pathlib.Path(source).read_text(encoding="utf-8")):
            try:
                text = ast.literal_eval(match.group(1))
            except (ValueError, SyntaxError):
                continue
            data = text.encode("utf-8", "surrogateescape")
            (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
            count += 1
    print(f"seed corpus: {count} filters from the test tables", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
