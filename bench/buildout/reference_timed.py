"""Time zc.buildout 2.13.2's own resolution of a profile, in-process (no interpreter start).

Usage: /usr/bin/python3 reference_timed.py PROFILE
Runs tools/buildout-reference/resolve.py's patched setup (no side effects, recipes stubbed),
then times Buildout(...) construction plus initialising every section (every option
substituted), as resolve.py does. Prints JSON {"seconds", "sections", "errors"}.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, '..', '..', 'tools', 'buildout-reference', 'resolve.py')
profile = os.path.abspath(sys.argv[1])
sys.argv = [SRC, profile]
code = open(SRC).read()
code = code[:code.rindex('main()')]  # the setup only
ns = {'__name__': 'reference'}
exec(compile(code, SRC, 'exec'), ns)

t0 = time.perf_counter()
b = ns['_construct'](profile)
sections = 0
errors = 0
for name in sorted(b._raw):
    before = dict(b._data)
    try:
        opts = b[name]
        {k: opts[k] for k in opts.keys()}
        sections += 1
    except BaseException:  # noqa: BLE001
        errors += 1
        b._data = before
print(json.dumps({"seconds": time.perf_counter() - t0, "sections": sections, "errors": errors}))
