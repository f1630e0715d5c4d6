// Template recipes: collective.recipe.template (default + genshi) and slapos.recipe.template
// (default + jinja2). Facts from the recipes' sources; wording is ours.
import type { RecipeInfo, RecipeOption } from './types';

const crtCommon: RecipeOption[] = [
  { name: 'input', kind: 'path', templateInput: true, summary: 'The template file to render (absolute path, usually `${buildout:directory}/templates/…`). Also accepts `inline:` followed by the template text on the next lines.' },
  { name: 'inline', kind: 'text', templateInput: true, summary: 'The template text itself, as the option value. It is substituted by buildout first, so `${option}` without a section fails here.' },
  { name: 'url', kind: 'url', templateInput: true, summary: 'Download the template from this URL instead of reading a file.' },
  { name: 'timeout', kind: 'int', default: '1.0', summary: 'Seconds to wait for the `url` download.' },
  { name: 'output', kind: 'path', required: true, output: true, summary: 'The file to write the rendered template to.' },
  { name: 'mode', kind: 'octal', summary: 'File mode of the output, in octal (e.g. `755`). Without it the input file\'s mode is copied.' },
  { name: 'overwrite', kind: 'bool', default: 'true', summary: 'Whether an existing output file is replaced. `true`, `yes`, `y` and `1` mean yes.' },
  { name: 'input-encoding', kind: 'string', default: 'utf-8', summary: 'Encoding used to read the template.' },
  { name: 'output-encoding', kind: 'string', default: 'utf-8', summary: 'Encoding used to write the output.' },
];

export const templateRecipes: RecipeInfo[] = [
  {
    egg: 'collective.recipe.template', entry: 'default',
    summary: 'Renders a text template into a file when the part is initialised. In the template, `${option}` means an option of this section and `${section:option}` any option of the buildout. `$${…}` is **not** an escape here, and there is no way to write a literal `${`.',
    url: 'https://pypi.org/project/collective.recipe.template/',
    options: crtCommon, computed: [], freeOptions: true,
    exactlyOneOf: [['input', 'inline', 'url']],
  },
  {
    egg: 'collective.recipe.template', entry: 'genshi',
    summary: 'Renders a Genshi text template (`recipe = collective.recipe.template[genshi]:genshi`). The template sees `parts` (the whole buildout: `${parts.buildout.directory}`, `${parts[\'my-part\'].opt}`) and `options` (this section). `$${x}` renders as `${x}`.',
    url: 'https://pypi.org/project/collective.recipe.template/',
    options: crtCommon, computed: [], freeOptions: true,
    exactlyOneOf: [['input', 'inline', 'url']],
  },
  {
    egg: 'slapos.recipe.template', entry: 'default',
    summary: 'Writes a file from a template downloaded from `url` (or given `inline`), expanding it with buildout\'s own substitution when the part is initialised. SlapOS instance profiles use `$${…}` for values the generated buildout substitutes later.',
    url: 'https://pypi.org/project/slapos.recipe.template/',
    options: [
      { name: 'url', kind: 'url', templateInput: true, summary: 'Location of the template (path or URL).' },
      { name: 'inline', kind: 'text', templateInput: true, summary: 'The template text itself.' },
      { name: 'output', kind: 'path', required: true, output: true, summary: 'The file to write.' },
      { name: 'md5sum', kind: 'md5', summary: 'Expected MD5 checksum of the downloaded template.' },
      { name: 'mode', kind: 'octal', summary: 'File mode of the output, in octal.' },
    ],
    computed: [], freeOptions: true,
    exactlyOneOf: [['url', 'inline']],
  },
  {
    egg: 'slapos.recipe.template', entry: 'jinja2',
    summary: 'Renders a Jinja2 template into a file. Values reach the template through `context` lines (`key name section:option`, `raw name value`, `section name section`, `import name module`).',
    url: 'https://pypi.org/project/slapos.recipe.template/',
    options: [
      { name: 'url', kind: 'url', templateInput: true, summary: 'Location of the Jinja2 template (path or URL).' },
      { name: 'inline', kind: 'text', templateInput: true, summary: 'The Jinja2 template text itself.' },
      { name: 'template', kind: 'url', templateInput: true, deprecated: 'use `url` or `inline`', summary: 'Older name for the template location.' },
      { name: 'output', kind: 'path', output: true, summary: 'The file to write (required unless the deprecated `rendered` is used).' },
      { name: 'rendered', kind: 'path', output: true, deprecated: 'use `output`', summary: 'Older name for `output`.' },
      { name: 'context', kind: 'lines', summary: 'One variable per line: `<type> <name> <expression>` with type `raw`, `key`, `section` or `import`.' },
      { name: 'md5sum', kind: 'md5', summary: 'Expected MD5 checksum of the template.' },
      { name: 'mode', kind: 'octal', summary: 'File mode of the output, in octal.' },
      { name: 'extensions', kind: 'lines', summary: 'Jinja2 extensions to load.' },
      { name: 'import-list', kind: 'lines', summary: 'Templates made importable from the main one (`file name path` / `rawfile name path`).' },
      { name: 'import-delimiter', kind: 'string', summary: 'Delimiter used for imported templates.' },
      { name: 'once', kind: 'path', summary: 'Render only once: skip when this file exists.' },
      { name: 'encoding', kind: 'string', default: 'utf-8', summary: 'Encoding of the template and of the output.' },
    ],
    computed: [], freeOptions: true,
    exactlyOneOf: [['url', 'inline', 'template'], ['output', 'rendered']],
  },
];
