"""Resolve a buildout profile with the real zc.buildout (Debian 2.13.2) without side effects.

Usage: /usr/bin/python3 resolve.py [--buildout-src DIR] [--user-defaults] PROFILE [TEMPLATE_SECTION ...]

--user-defaults reads ~/.buildout/default.cfg (set HOME to choose it); off by default.

--buildout-src DIR runs another zc.buildout from a source tree (DIR contains zc/buildout/, e.g.
a checkout's src/ of 3.x), to compare the '3.1' merge mode; its markers come from setuptools'
vendored packaging.
Prints JSON: {"load_error", "sections": {name: {"options": {...}} | {"error": msg}},
"parts", "parts_error", "renders": {section: {"text"} | {"error"}}}.

Side effects are patched out (directories, chdir, logging, recipe loading, downloads).
Recipes are stubbed: `Options.initialize` only sets the options a few known recipes compute
at init (same formulas as the recipes' __init__), so references to them resolve.
"""
import collections
import collections.abc
import json
import os
import re
import sys

collections.MutableMapping = collections.abc.MutableMapping  # zc.buildout 2.13 on Python 3.10+

if len(sys.argv) > 2 and sys.argv[1] == '--buildout-src':
    _src = sys.argv[2]
    del sys.argv[1:3]
    sys.path.insert(0, _src)
    import zc  # noqa: E402
    zc.__path__ = [os.path.join(_src, 'zc')] + list(zc.__path__)

import zc.buildout  # noqa: E402
import zc.buildout.buildout as bo  # noqa: E402
import zc.buildout.download  # noqa: E402

os.makedirs = lambda *a, **k: None
os.mkdir = lambda *a, **k: None
_chdir = os.chdir
os.chdir = lambda *a, **k: None
bo.Buildout._setup_logging = lambda self: None


def _refuse(self, url, *a, **k):
    raise zc.buildout.UserError("Couldn't download %r (network disabled)." % url)


zc.buildout.download.Download.__call__ = _refuse


def _stub_initialize(self):
    recipe = self['recipe'].split(':')[0].split('[')[0].strip()
    parts_dir = self.buildout['buildout']['parts-directory']
    name = self.name
    if recipe == 'plone.recipe.haproxy':
        location = os.path.join(self.get('location', parts_dir), name)
        self['location'] = location
        self['prefix'] = location
    elif recipe == 'plone.recipe.zope2instance':
        self['location'] = os.path.join(parts_dir, name)
    elif recipe == 'slapos.recipe.cmmi':
        self['location'] = self.get('location') or os.path.join(parts_dir, name)


bo.Options.initialize = _stub_initialize


def render(buildout, name):
    options = buildout[name]
    if 'input' not in options and 'inline' not in options and 'url' not in options:
        raise zc.buildout.UserError("No input file, inline template, or URL specified.")
    if 'output' not in options:
        raise zc.buildout.UserError("No output file specified.")
    if ('input' in options and 'inline' in options) or ('input' in options and 'url' in options):
        raise zc.buildout.UserError("Too many input sources.")
    inp = options.get('input')
    if 'inline' in options:
        source = options['inline'].lstrip()
    elif inp is not None and os.path.exists(os.path.join(buildout['buildout']['directory'], inp)):
        with open(os.path.join(buildout['buildout']['directory'], inp), 'rb') as f:
            source = f.read().decode(options.get('input-encoding', 'utf-8'))
    elif inp is not None and inp.startswith('inline:'):
        source = inp[len('inline:'):].lstrip()
    else:
        raise zc.buildout.UserError("Input file '%s' does not exist." % inp)
    template = re.sub(r"\$\{([^:]+?)\}", r"${%s:\1}" % name, source)
    result = options._sub(template, [])
    # install() writes the result encoded with output-encoding; an unencodable text fails there.
    result.encode(options.get('output-encoding', 'utf-8'))
    return result


USER_DEFAULTS = '--user-defaults' in sys.argv
if USER_DEFAULTS:
    sys.argv.remove('--user-defaults')
os.environ.pop('BUILDOUT_HOME', None)


def _construct(profile):
    import inspect
    params = inspect.signature(bo.Buildout.__init__).parameters
    key = 'use_user_defaults' if 'use_user_defaults' in params else 'user_defaults'
    return bo.Buildout(profile, [], **{key: USER_DEFAULTS})


def main():
    profile = os.path.abspath(sys.argv[1])
    templates = sys.argv[2:]
    out = {"load_error": None, "sections": {}, "parts": None, "parts_error": None, "renders": {}}
    try:
        b = _construct(profile)
    except BaseException as e:  # noqa: BLE001 - report whatever buildout raises
        out["load_error"] = str(e)
        print(json.dumps(out))
        return
    for name in sorted(b._raw):
        before = dict(b._data)
        parts_before = list(b._parts)
        try:
            opts = b[name]
            out["sections"][name] = {"options": {k: opts[k] for k in opts.keys()}}
        except BaseException as e:  # noqa: BLE001
            out["sections"][name] = {"error": str(e)}
            b._data = before
            b._parts = parts_before
    # Part order, from a fresh object so the section walk above does not influence it.
    b = _construct(profile)
    try:
        conf = b['buildout']['parts']
        for part in (conf and conf.split() or []):
            b[part]['recipe']
        out["parts"] = list(b._parts)
    except BaseException as e:  # noqa: BLE001
        out["parts_error"] = str(e)
        out["parts"] = list(b._parts)
    for name in templates:
        b = _construct(profile)
        try:
            out["renders"][name] = {"text": render(b, name)}
        except BaseException as e:  # noqa: BLE001
            out["renders"][name] = {"error": str(e)}
    print(json.dumps(out))


main()
