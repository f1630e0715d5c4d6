/**
 * Profiles for the differential tests against zc.buildout 2.13.2. Each case is a set of files
 * (relative paths) with `buildout.cfg` as root, plus the template sections to render.
 */
export interface DiffCase {
  name: string;
  /** Relative path → content (a Uint8Array is written as raw bytes: files in other encodings). */
  files: Record<string, string | Uint8Array>;
  templates?: string[];
  /** buildout fails while loading (guards against a typo turning a case into a trivial pass). */
  expectLoadError?: boolean;
  /** Content of `~/.buildout/default.cfg` (HOME is a temp dir); user defaults are off otherwise. */
  userDefaults?: string;
}

const HAPROXY_TEMPLATE = `global
    maxconn \${maxconn}
    user \${user}
defaults
    mode http
    timeout connect 5s
frontend plone
    bind \${frontend-host}:\${frontend-port}
    default_backend zope
backend zope
    balance leastconn
    server instance1 \${instance1:http-address} check maxconn 2
    server instance2 \${instance2:http-address} check maxconn 2
# shell-ish text stays: $HOME and $$HOME
    stats uri /stats # $\${haproxy-conf:user}
`;

export const CASES: DiffCase[] = [
  {
    name: 'realistic Plone buildout with haproxy, template, zope instances via <= and varnish',
    templates: ['haproxy-conf'],
    files: {
      'buildout.cfg': `[buildout]
extends =
    profiles/base.cfg
    profiles/versions.cfg
parts +=
    instance2
    varnish
parts -= haproxy-debug
eggs += my.policy

[instance-base]
recipe = plone.recipe.zope2instance
user = admin:secret
http-address = \${:port}
port = 0
eggs = \${buildout:eggs}
location = \${buildout:parts-directory}/\${:_buildout_section_name_}

[instance1]
<= instance-base
port = \${ports:instance1}

[instance2]
<= instance-base
port = \${ports:instance2}

[ports]
instance1 = 8081
instance2 = 8082
haproxy = 8080
varnish = 8000

[varnish]
recipe = plone.recipe.varnish
backends = \${haproxy-conf:frontend-host}:\${ports:haproxy}
bind = 127.0.0.1:\${ports:varnish}
`,
      'profiles/base.cfg': `[buildout]
parts =
    haproxy-build
    haproxy-conf
    haproxy-debug
    instance1
eggs =
    Plone
    Pillow

[haproxy-build]
recipe = plone.recipe.haproxy
url = http://www.haproxy.org/download/2.6/src/haproxy-2.6.12.tar.gz
target = linux-glibc
cpu = generic

[haproxy-conf]
recipe = collective.recipe.template
input = \${buildout:directory}/templates/haproxy.conf.in
output = \${buildout:directory}/etc/haproxy.conf
frontend-host = 127.0.0.1
frontend-port = \${ports:haproxy}
maxconn = 256
user = nobody
haproxy = \${haproxy-build:location}/sbin/haproxy

[haproxy-debug]
recipe = plone.recipe.command
command = echo \${haproxy-conf:output}
`,
      'profiles/versions.cfg': `[versions]
Plone = 6.0.0
zc.buildout = 2.13.2
`,
      'templates/haproxy.conf.in': HAPROXY_TEMPLATE,
    },
  },
  {
    name: 'extends chain with diamond and sibling increments',
    files: {
      'buildout.cfg': `[buildout]
extends = b.cfg c.cfg
parts += root
develop += src/root

[shared]
list += from-root
list -= from-d2
`,
      'b.cfg': `[buildout]
extends = d.cfg
parts += b

[shared]
list += from-b
only-b = yes
`,
      'c.cfg': `[buildout]
extends = sub/d2.cfg d.cfg
parts += c
develop =

[shared]
list += from-c
list -= from-d
`,
      'd.cfg': `[buildout]
parts = d
[shared]
list = from-d
`,
      'sub/d2.cfg': `[buildout]
extends = ../d.cfg
[shared]
list += from-d2
new-in-d2 += x
[fresh]
k += leading
k2 -= gone
`,
    },
  },
  {
    name: 'macros: several, recursive, ${:x}, += against the macro',
    files: {
      'buildout.cfg': `[buildout]
parts =

[base]
a = base-a
who = \${:_buildout_section_name_}
path = /srv/\${:name}
list = one
  two

[middle]
<= base
b = middle-b
a = middle-a

[other]
c = other-c
a = other-a

[user]
<= middle
   other
name = user-name
list += three
list -= one

[user2]
<= user
name = second
ref = \${user:path} \${user2:who}
`,
    },
  },
  {
    name: 'conditions, repeated headers, value whitespace rules, $$',
    files: {
      'buildout.cfg': `[buildout]
parts =

[cond]
always = 1

[cond:sys.platform == "linux"]
linux = yes

[cond:windows]
windows = yes

[cond: python3 and not windows] # comment
py3 = yes

[cond:(linux or macosx) and bits64]
bits = 64

[cond:posix and not python2]
posix = yes

[cond:sys.version_info >= (3, 0) and platform.system() == "Linux"]
version-info = yes

[cond:"linux" in sys.platform and os.name == "posix"]
in-op = yes

[cond:sys.platform != "a\\x23b"] ; semicolon comment
escaped-hash = yes

[cond:cpython and little_endian and not big_endian]
impl = yes

[values]
inline = a # not a comment
block =
    first line
      indented

    after blank
# column-0 comment
    # indented is value text
tail = x
continued = first
   second

   third
escaped = $\${not:substituted} and \${:inline} $$ kept
dollar = $$\${values:tail}
empty =
=> values
`,
    },
  },
  {
    name: 'substitution errors (each section fails on its own)',
    files: {
      'buildout.cfg': `[buildout]
parts =

[ok]
v = fine

[circ-a]
x = \${circ-b:y}
[circ-b]
y = \${circ-a:x}

[missing-section]
v = \${nosection:foo}

[missing-option]
v = \${ok:nope}

[no-colon]
v = \${a}

[too-many]
v = \${a:b:c}

[nested]
v = \${ports:\${:name}}

[bad-chars]
v = \${a/b:c}

[bad-option-chars]
v = \${ok:c/d}

[loop1]
<= loop2
[loop2]
<= loop1

[macro-missing]
<= nothere

[uses-broken]
v = \${missing-option:other}
`,
    },
  },
  { name: 'parse error', expectLoadError: true, files: { 'buildout.cfg': '[buildout]\nparts =\nfoo\n[x]\n  [y]\nbar baz\n' } },
  { name: 'missing section header', expectLoadError: true, files: { 'buildout.cfg': '\n# c\nparts = x\n[buildout]\n' } },
  { name: 'missing extends file', expectLoadError: true, files: { 'buildout.cfg': '[buildout]\nextends = profiles/nothere.cfg\nparts =\n' } },
  {
    name: 'recursive include',
    expectLoadError: true,
    files: { 'buildout.cfg': '[buildout]\nextends = a.cfg\nparts =\n', 'a.cfg': '[buildout]\nextends = b.cfg\n', 'b.cfg': '[buildout]\nextends = a.cfg\n' },
  },
  { name: 'extended-by', expectLoadError: true, files: { 'buildout.cfg': '[buildout]\nextends = a.cfg\nparts =\n', 'a.cfg': '[buildout]\nextended-by = x.cfg\n' } },
  {
    name: 'template errors and inline templates',
    templates: ['t-home', 't-inline', 't-missing', 't-ok', 't-noinput'],
    files: {
      'buildout.cfg': `[buildout]
parts = t-ok

[t-ok]
recipe = collective.recipe.template
input = inline:
    port \${port} \${buildout:directory}
    $\${t-ok:port} $$HOME
port = 80
output = /tmp/x

[t-home]
recipe = collective.recipe.template
input = \${buildout:directory}/home.in
output = /tmp/y

[t-inline]
recipe = collective.recipe.template
inline =
   a \${t-ok:port}
output = /tmp/z

[t-missing]
recipe = collective.recipe.template
input = nothere.in
output = /tmp/w

[t-noinput]
recipe = collective.recipe.template
output = /tmp/v
`,
      'home.in': 'export PATH=${HOME}/bin\n',
    },
  },
  {
    name: 'buildout directories and part order with implicit parts',
    files: {
      'profiles/buildout.cfg': `[buildout]
extends = ../common/dirs.cfg
parts = main
parts-directory = \${buildout:directory}/my-parts

[main]
recipe = some.recipe
uses = \${helper:location} \${helper2:x}
=> dep

[helper]
recipe = plone.recipe.haproxy
[helper2]
x = 1
[dep]
recipe = other.recipe
`,
      'common/dirs.cfg': `[buildout]
eggs-directory = eggs-here
bin-directory = /abs/bin
download-cache = ~/cache
`,
      'buildout.cfg': `[buildout]
extends = profiles/buildout.cfg
`,
    },
  },
  {
    name: 'parser and merge quirks: repeated keys, c++, surviving "x +", CRLF, tabs, blank line after header',
    files: {
      'buildout.cfg': '[buildout]\r\nextends = base.cfg\r\nparts =\r\n\r\n[q]\r\n\r\nc++ = plus\r\nrepeat = 1\r\nrepeat = 2\r\nlist += a\r\nlist += b\r\nnew-key += only\r\ntabbed =\r\n\tone\r\n\t  two\r\n        three\r\nspaces-only =    \r\nunicode = h\u00e9llo \u2603\r\n[fresh-section]\r\nx += leading\r\ny -= gone\r\n[q]\r\nagain = merged\r\n',
      'base.cfg': '[q]\nc = base-c\nlist = base\n[other]\nz = ${q:again}\n',
    },
  },
  {
    name: 'relative extends with .. and absolute directories from nested files',
    files: {
      'buildout.cfg': '[buildout]\nextends = profiles/prod.cfg\n',
      'profiles/prod.cfg': '[buildout]\nextends = ../common/../common/base.cfg sub/extra.cfg\nparts =\ndownload-cache = dl\n[s]\nv = ${buildout:download-cache} ${buildout:eggs-directory}\n',
      'profiles/sub/extra.cfg': '[buildout]\neggs-directory = ../eggs\nbin-directory = ${buildout:directory}/scripts\n',
      'common/base.cfg': '[buildout]\ninstalled =\n[s]\nw = base\n',
    },
  },
  {
    name: 'user defaults (~/.buildout/default.cfg) with increments and extends',
    userDefaults: '[buildout]\neggs-directory = ~/shared-eggs\nparts += from-home\n[s]\nx += home\ny = home-y\n[from-home]\nrecipe = some.recipe\n',
    files: {
      'buildout.cfg': '[buildout]\nextends = base.cfg\nparts += root\n[s]\nx += root\n[root]\nrecipe = r\n',
      'base.cfg': '[buildout]\nparts = base\n[s]\nx += base\n[base]\nrecipe = r\n',
    },
  },
];
