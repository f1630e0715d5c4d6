"""Time zc.buildout 2.13.2's own resolution of a profile, in-process (no interpreter start).

Usage: /usr/bin/python3 reference_timed.py PROFILE [RUNS]
       /usr/bin/python3 reference_timed.py PROFILE --serve
Runs tools/buildout-reference/resolve.py's patched setup (no side effects, recipes stubbed),
then, RUNS times (default 3), times Buildout(...) construction (which reads and parses every
file of the extends graph from disk) plus initialising every section (every option
substituted), as resolve.py does. Prints JSON {"runs": [{"seconds", "cpu"}], "sections", "errors"}.

--serve: after the same setup, one timed resolution per line read on stdin, each answered with
one JSON line {"seconds", "cpu", "sections", "errors"}; ends at end of input. The caller decides
when each resolution runs, so it can interleave them with its own measurements (the machine's
speed drifts within minutes, and a ratio of two sides measured minutes apart drifts with it).
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, '..', '..', 'tools', 'buildout-reference', 'resolve.py')
profile = os.path.abspath(sys.argv[1])
SERVE = len(sys.argv) > 2 and sys.argv[2] == '--serve'
runs = int(sys.argv[2]) if len(sys.argv) > 2 and not SERVE else 3
sys.argv = [SRC, profile]
code = open(SRC).read()
code = code[:code.rindex('main()')]  # the setup only
ns = {'__name__': 'reference'}
exec(compile(code, SRC, 'exec'), ns)


def resolve_all():
    b = ns['_construct'](profile)
    sections = 0
    errors = []
    for name in sorted(b._raw):
        before = dict(b._data)
        try:
            opts = b[name]
            {k: opts[k] for k in opts.keys()}
            sections += 1
        except BaseException as e:  # noqa: BLE001
            errors.append('%s: %s' % (name, e))
            b._data = before
    return sections, errors


def timed_run():
    t0 = time.perf_counter()
    c0 = time.process_time()
    sections, errors = resolve_all()
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0}, sections, errors


if SERVE:
    # readline, not iteration over stdin: iteration reads ahead in blocks and would wait for more
    # than one request line before answering the first.
    while sys.stdin.readline():
        run, sections, errors = timed_run()
        run["sections"] = sections
        run["errors"] = errors
        sys.stdout.write(json.dumps(run) + "\n")
        sys.stdout.flush()
    sys.exit(0)

out = {"runs": []}
for _ in range(runs):
    run, sections, errors = timed_run()
    out["runs"].append(run)
out["sections"] = sections
out["errors"] = errors
print(json.dumps(out))
