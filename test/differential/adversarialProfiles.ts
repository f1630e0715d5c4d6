/**
 * Adversarial profiles for the differential tests: corners of zc.buildout where a
 * reimplementation is most likely to drift (diamonds with `-=`, macros of macros with `${:x}`,
 * condition spellings, `$$` runs, the exact wording of every error). Each must give exactly
 * what zc.buildout 2.13.2 gives. A case with `todo` documents a known resolver difference (the
 * test is reported as TODO, so the suite stays green until the resolver is fixed).
 */
import type { DiffCase } from './profiles';

export interface AdversarialCase extends DiffCase {
  todo?: string;
}

export const ADVERSARIAL: AdversarialCase[] = [
  {
    name: 'diamond: two siblings extend one base, each with -= / += on the same keys',
    files: {
      'buildout.cfg': `[buildout]
extends = left.cfg right.cfg
parts -= z
eggs -=
    b

[show]
parts = \${buildout:parts}
eggs = \${buildout:eggs}
`,
      'base.cfg': `[buildout]
parts =
    x
    y
    z
eggs =
    a
    b
    c
[x]
recipe = r
[y]
recipe = r
[z]
recipe = r
[w]
recipe = r
`,
      'left.cfg': `[buildout]
extends = base.cfg
parts -= y
eggs += d
`,
      'right.cfg': `[buildout]
extends = base.cfg
parts += w
eggs -= a
`,
    },
  },
  {
    name: 'diamond: the shared base is reached through a nested directory and again directly',
    files: {
      'buildout.cfg': `[buildout]
extends = sub/a.cfg base.cfg
parts = p
[p]
recipe = r
v = \${base:v}
w = \${base:w}
`,
      'sub/a.cfg': `[buildout]
extends = ../base.cfg
[base]
v += from-a
`,
      'base.cfg': `[base]
v = base
w = \${:v}!
`,
    },
  },
  {
    name: 'macros of macros with ${:x}, _buildout_section_name_ and increments at each level',
    files: {
      'buildout.cfg': `[buildout]
parts = leaf other

[root-macro]
recipe = r
name = \${:_buildout_section_name_}
path = /srv/\${:name}/\${:port}
port = 1
list =
    one

[mid-macro]
<= root-macro
port = 2
list +=
    two
label = mid-\${:path}

[leaf]
<= mid-macro
port = 3
list -= one

[other]
<=
    leaf
    root-macro
extra = \${leaf:label}
`,
    },
  },
  {
    name: 'macro errors: a chain into a missing section, a three-cycle and a self-macro',
    files: {
      'buildout.cfg': `[buildout]
parts =

[a]
<= b
[b]
<= c
[c]
<= a

[self]
<= self

[chain]
<= link
[link]
<= gone

[user]
v = \${chain:x}
`,
    },
  },
  {
    name: 'conditions: every common spelling, false conditions hiding later keys, merges of a repeated header',
    files: {
      'buildout.cfg': `[buildout]
parts =

[c]
base = 1
[c:python3]
py3 = yes
base = 2
[c:python2]
py2 = yes
base = 3
[c: linux and posix ]
lp = yes
[c:not windows and (bits64 or bits32)]
bits = yes
[c:sys.platform.startswith("linux")]
startswith = yes
[c:sys.version_info[0] == 3]
major = yes
[c:sys.version_info[:2] >= (3, 6)]
slice = yes
[c:platform.machine() in ("x86_64", "aarch64")]
machine = yes
[c:os.name == "nt" or cygwin]
nt = yes
[c:python3 and python2 or linux]
precedence = yes
[c:sys.version_info[0] == 2]
major2 = yes
[c:platform.machine() in ("sparc",)]
sparc = yes
`,
    },
  },
  {
    name: '$$ runs: $$ before ${, three and four dollars, $$ at the end, $ before a newline',
    files: {
      'buildout.cfg': `[buildout]
parts =

[s]
a = A
two = $\${s:a}
three = $$\${s:a}
four = $$$\${s:a}
five = $$$$\${s:a}
tail = x$$
lone = $
mixed = \${s:a}$$\${s:a}$
block =
    $\${s:a}
    \${s:a}$$
`,
    },
  },
  {
    name: 'substitution error wording: empty parts, spaces, dots, a $ before a newline',
    files: {
      'buildout.cfg': `[buildout]
parts =

[ok]
a.b = dotted

[dotted]
v = \${ok:a.b}
[spaced-option]
v = \${ok:c d}
[empty-both]
v = \${:}
[empty]
v = \${}
[empty-option]
v = \${ok:}
[space-section]
v = \${ :a}
[slash]
v = \${o/k:a}
[unclosed]
v = \${ok:a.b
[brace-in]
v = \${ok:a{b}
[dollar-newline]
v = \${ok:a$
    }
`,
    },
  },
  {
    name: 'collective.recipe.template: shorthand with spaces, $$ forms, colons, braces and an unclosed ${',
    templates: ['t-ok', 't-spaces', 't-inline', 't-two-colons', 't-empty'],
    files: {
      'buildout.cfg': `[buildout]
parts =

[t-ok]
recipe = collective.recipe.template
output = /tmp/ok
input = ok.in
a = A
b-c = BC

[t-spaces]
recipe = collective.recipe.template
output = /tmp/sp
input = sp.in

[t-inline]
recipe = collective.recipe.template
output = /tmp/in
a = A
inline =
    an inline template is substituted by buildout first: $\${t-inline:a} \${:a}

[t-two-colons]
recipe = collective.recipe.template
output = /tmp/tc
input = t.in

[t-empty]
recipe = collective.recipe.template
output = /tmp/e
input = e.in
`,
      'ok.in': 'plain \${a} and \${b-c}\ndollar $\${t-ok:a} double $$\${a} and $$HOME $HOME\ncolon \${t-ok:a} name \${_buildout_section_name_}\nbrace {\${a}} \${t-ok:b-c}$\nunclosed at the end \${a',
      'sp.in': 'x \${ a } y\n',
      't.in': 'server \${t-ok:a:b}\n',
      'e.in': 'x \${}\n',
    },
  },
  {
    name: 'conditions buildout evaluates but the safe evaluator does not: str methods, len(), a conditional expression',
    files: {
      'buildout.cfg': `[buildout]
parts =

[c]
base = 1
[c:sys.platform.startswith("win")]
win-startswith = yes
[c:len(sys.platform) > 100]
len = yes
[c:"x" if python2 else ""]
ternary = yes
`,
    },
  },
  {
    name: 'more conditions evaluated like Python: slices, builtins, platform calls, short-circuits, chained comparisons, a top-level comma',
    files: {
      'buildout.cfg': `[buildout]
parts =

[c]
base = 1
[c:sys.version_info[:2] >= (3, 8) and sys.version_info.major == 3]
version = yes
[c:platform.system().lower() == "linux" and os.name.upper() == "POSIX"]
lower = yes
[c:len(sys.platform) == 5 and sys.maxsize > 2**32]
len = yes
[c:windows and python311]
short-circuit = no
[c:"x" if linux else nope]
ternary = yes
[c:1 < len("ab") <= 2 < 1]
chained = no
[c:windows, python3]
comma = no
[c:sys.platform.startswith(("darwin", "linux")) and not sys.platform.endswith("win")]
tuple-prefix = yes
`,
    },
  },
  {
    name: 'case of names, options without spaces, parts built by substitution, => ordering',
    files: {
      'buildout.cfg': `[buildout]
parts = \${names:first} Second
names-list = x

[names]
first = First
Upper = U
upper = u

[First]
recipe = r
=> Second
a=\${names:Upper}\${names:upper}
b =no-space-before

[Second]
recipe = r
c = \${First:a}
[third]
recipe = r
`,
    },
  },
  {
    name: 'extends spelled with a substitution is opened literally (buildout does not substitute extends)',
    expectLoadError: true,
    files: {
      'buildout.cfg': `[buildout]
extends = \${buildout:directory}/base.cfg
parts =
`,
      'base.cfg': '[x]\na = 1\n',
    },
  },
  {
    name: 'the same file extended twice in one extends line, and a base that overrides the root-level default',
    files: {
      'buildout.cfg': `[buildout]
extends = a.cfg a.cfg b.cfg
parts =
[s]
v += root
`,
      'a.cfg': '[s]\nv = a\n',
      'b.cfg': '[buildout]\nextends = a.cfg\n[s]\nv += b\n',
    },
  },
  {
    name: 'a condition naming something 2.13 does not know',
    expectLoadError: true,
    files: {
      'buildout.cfg': `[buildout]
parts =
[s:python311]
v = 1
`,
    },
  },
  {
    name: 'templates with CRLF line ends, a byte-order mark, tabs, non-ASCII text and no final newline',
    templates: ['crlf', 'bom'],
    files: {
      'buildout.cfg': `[buildout]
parts =

[crlf]
recipe = collective.recipe.template
input = crlf.in
output = /tmp/crlf
port = 8080

[bom]
recipe = collective.recipe.template
input = bom.in
output = /tmp/bom
name = café
`,
      'crlf.in': 'global\r\n\tmaxconn 10\r\nfrontend f\r\n    bind :\${port}\r\n',
      'bom.in': '\ufeff# größe \${name}\n\tx \${bom:name}',
    },
  },
  {
    name: 'template encodings: input-encoding latin-1 / cp1252 / latin-9, a UTF-8 template that is not valid UTF-8, output-encoding ascii and latin-1',
    templates: ['latin1', 'cp1252', 'latin9', 'bad-utf8', 'bad-cont', 'truncated', 'ascii-in', 'ascii-out', 'latin1-out', 'latin1-ok', 'cp1252-undefined', 'subst-out'],
    files: {
      'buildout.cfg': `[buildout]
parts =

[latin1]
recipe = collective.recipe.template
input = latin1.in
input-encoding = latin-1
output = /tmp/latin1
name = x

[cp1252]
recipe = collective.recipe.template
input = cp1252.in
input-encoding = Windows-1252
output = /tmp/cp1252

[latin9]
recipe = collective.recipe.template
input = latin9.in
input-encoding = ISO-8859-15
output = /tmp/latin9

[bad-utf8]
recipe = collective.recipe.template
input = latin1.in
output = /tmp/bad

[bad-cont]
recipe = collective.recipe.template
input = bad-cont.in
output = /tmp/bad-cont

[truncated]
recipe = collective.recipe.template
input = truncated.in
output = /tmp/truncated

[ascii-in]
recipe = collective.recipe.template
input = latin1.in
input-encoding = us-ascii
output = /tmp/ascii-in
name = x

[ascii-out]
recipe = collective.recipe.template
input = utf8.in
output-encoding = ascii
output = /tmp/ascii-out

[latin1-out]
recipe = collective.recipe.template
input = euro.in
output-encoding = latin1
output = /tmp/latin1-out

[latin1-ok]
recipe = collective.recipe.template
input = utf8.in
output-encoding = ISO8859-1
output = /tmp/latin1-ok

[cp1252-undefined]
recipe = collective.recipe.template
input = undefined.in
input-encoding = cp1252
output = /tmp/cp1252-undefined

[subst-out]
recipe = collective.recipe.template
input = plain.in
output-encoding = ascii
output = /tmp/subst-out
who = Zoë
`,
      // "# caf\xe9 ${name}\n" in Latin-1, and the same file read by a UTF-8 recipe.
      'latin1.in': Uint8Array.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x24, 0x7b, 0x6e, 0x61, 0x6d, 0x65, 0x7d, 0x0a]),
      // cp1252's curly quotes and euro sign (0x93 0x80 0x94).
      'cp1252.in': Uint8Array.from([0x23, 0x20, 0x93, 0x80, 0x94, 0x0a]),
      // Latin-9's euro sign and OE ligature (0xa4 0xbc).
      'latin9.in': Uint8Array.from([0x23, 0x20, 0xa4, 0xbc, 0x0a]),
      // A three-byte lead whose third byte is not a continuation byte: a two-byte range.
      'bad-cont.in': Uint8Array.from([0x6f, 0x6b, 0x0a, 0xe2, 0x82, 0x41, 0x0a]),
      // A four-byte sequence cut by the end of the file.
      'truncated.in': Uint8Array.from([0x61, 0xf0, 0x9f, 0x98]),
      'utf8.in': '# größe déjà\n',
      'euro.in': 'price 5 €€ and ok\n',
      // 0x81 is undefined in cp1252.
      'undefined.in': Uint8Array.from([0x61, 0x81, 0x0a]),
      'plain.in': 'hello \${who}\n',
    },
  },
  {
    name: 'macros across files: the macro in a base, the user in another, increments in the root on both',
    files: {
      'buildout.cfg': `[buildout]
extends = macros.cfg users.cfg
parts = user

[macro]
eggs += root-egg

[user]
eggs -= b
extra += more
`,
      'macros.cfg': `[macro]
recipe = r
eggs =
    a
    b
extra = \${:_buildout_section_name_}
`,
      'users.cfg': `[user]
<= macro
eggs += c
`,
    },
  },
  {
    name: 'an extends chain 950 files deep (zc.buildout 2.13.2 loads it; Python stops near 1,000)',
    files: deepChain(950),
  },
];

/** buildout.cfg extending d0.cfg extending d1.cfg … (each sets one option). */
function deepChain(n: number): Record<string, string> {
  const files: Record<string, string> = { 'buildout.cfg': '[buildout]\nextends = d0.cfg\nparts =\n' };
  for (let i = 0; i < n; i++) files[`d${i}.cfg`] = `[buildout]\n${i + 1 < n ? `extends = d${i + 1}.cfg\n` : ''}x${i} = ${i}\n`;
  return files;
}
