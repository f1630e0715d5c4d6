// Build and egg recipes: zc.recipe.egg (+ :eggs, :scripts, :custom, :develop),
// slapos.recipe.cmmi, slapos.recipe.build (+ :download, :download-unpacked, :gitclone).
import type { RecipeInfo, RecipeOption } from './types';
import { fromBuildout, installTime, partsLocation } from './util';

const eggOptions: RecipeOption[] = [
  { name: 'eggs', kind: 'eggs', default: 'the section name', summary: 'Requirements to install, one per line (with optional extras and versions).' },
  { name: 'find-links', kind: 'lines', summary: 'Extra places to look for distributions.' },
  { name: 'index', kind: 'url', summary: 'Package index to use instead of the buildout\'s.' },
  { name: 'python', kind: 'string', summary: 'Section whose `executable` names the Python to use.' },
];
const scriptOptions: RecipeOption[] = [
  ...eggOptions,
  { name: 'scripts', kind: 'lines', summary: 'Which console scripts to generate (`name` or `name=alias`); empty for none.' },
  { name: 'entry-points', kind: 'lines', summary: 'Extra scripts from entry points: `name=module:function`.' },
  { name: 'interpreter', kind: 'string', summary: 'Name of a Python interpreter script with the eggs on its path.' },
  { name: 'dependent-scripts', kind: 'bool', default: 'false', summary: 'Also generate scripts of the eggs\' dependencies.' },
  { name: 'extra-paths', kind: 'lines', summary: 'Extra directories put on `sys.path` of the scripts.' },
  { name: 'relative-paths', kind: 'bool', default: 'false', summary: 'Write paths relative to the buildout directory into the scripts.' },
  { name: 'initialization', kind: 'python', summary: 'Python code run at the start of each script.' },
  { name: 'arguments', kind: 'python', summary: 'Python expression passed as arguments to the entry point.' },
];
const buildOptions: RecipeOption[] = [
  { name: 'include-dirs', kind: 'lines', summary: 'Extra include directories for C extensions.' },
  { name: 'library-dirs', kind: 'lines', summary: 'Extra library directories.' },
  { name: 'rpath', kind: 'lines', summary: 'Directories searched for shared libraries at run time.' },
  { name: 'define', kind: 'string', summary: 'C preprocessor definitions.' },
  { name: 'undef', kind: 'string', summary: 'C preprocessor names to undefine.' },
  { name: 'libraries', kind: 'string', summary: 'Libraries to link.' },
  { name: 'link-objects', kind: 'string', summary: 'Extra objects to link.' },
  { name: 'debug', kind: 'bool', summary: 'Build with debug information.' },
  { name: 'environment', kind: 'sections', summary: 'Section whose options become environment variables of the build.' },
];
const eggComputed = [
  fromBuildout('eggs-directory', 'eggs-directory'), fromBuildout('_e', 'eggs-directory'),
  fromBuildout('develop-eggs-directory', 'develop-eggs-directory'), fromBuildout('_d', 'develop-eggs-directory'),
];
const scriptComputed = [...eggComputed, fromBuildout('bin-directory', 'bin-directory'), fromBuildout('_b', 'bin-directory')];

const cmmiOptions: RecipeOption[] = [
  { name: 'url', kind: 'url', summary: 'Source archive to download.' },
  { name: 'path', kind: 'path', summary: 'Local source directory, instead of `url`.' },
  { name: 'md5sum', kind: 'md5', summary: 'Expected MD5 checksum of the archive.' },
  { name: 'location', kind: 'path', default: '${buildout:parts-directory}/<section name>', summary: 'Install prefix.' },
  { name: 'configure-command', kind: 'shell', default: './configure', summary: 'Command that configures the build.' },
  { name: 'configure-options', kind: 'lines', summary: 'Options given to the configure command.' },
  { name: 'make-binary', kind: 'path', default: 'make', summary: 'The make program.' },
  { name: 'make-options', kind: 'lines', summary: 'Options given to make.' },
  { name: 'make-targets', kind: 'lines', default: 'install', summary: 'Targets built by make.' },
  { name: 'environment', kind: 'lines', summary: '`NAME=value` lines set for the build.' },
  { name: 'patches', kind: 'lines', summary: 'Patch files applied before building.' },
  { name: 'patch-options', kind: 'string', default: '-p0', summary: 'Options for `patch`.' },
  { name: 'pre-configure', kind: 'shell', summary: 'Shell commands run before configure.' },
  { name: 'post-install', kind: 'shell', summary: 'Shell commands run after install.' },
  { name: 'shared', kind: 'bool', summary: 'Install into the shared-parts directory.' },
  { name: 'pre-make', kind: 'shell', summary: 'Shell commands run before make.' },
  { name: 'post-make', kind: 'shell', summary: 'Shell commands run after make.' },
  { name: 'pre-install', kind: 'shell', summary: 'Shell commands run before make install.' },
  { name: 'environment-section', kind: 'sections', summary: 'Section whose options become environment variables of the build.' },
  { name: 'promises', kind: 'lines', summary: 'Files that must exist after the build (checked by the recipe).' },
  { name: 'patch-binary', kind: 'path', default: 'patch', summary: 'The patch program.' },
  { name: 'strip-top-level-dir', kind: 'bool', summary: 'Drop the single top-level directory of the archive.' },
  { name: 'keep-compile-dir', kind: 'bool', summary: 'Keep the build directory after installing.' },
  { name: 'autogen', kind: 'shell', summary: 'Command that generates the configure script first.' },
];

export const buildRecipes: RecipeInfo[] = [
  { egg: 'zc.recipe.egg', entry: 'default', summary: 'Installs Python distributions and generates their console scripts (the same as `:scripts`).', url: 'https://pypi.org/project/zc.recipe.egg/', options: scriptOptions, computed: scriptComputed },
  { egg: 'zc.recipe.egg', entry: 'scripts', summary: 'Installs Python distributions and generates scripts for their entry points.', url: 'https://pypi.org/project/zc.recipe.egg/', options: scriptOptions, computed: scriptComputed },
  { egg: 'zc.recipe.egg', entry: 'eggs', summary: 'Installs Python distributions without generating scripts (other parts can use its `eggs`).', url: 'https://pypi.org/project/zc.recipe.egg/', options: eggOptions, computed: eggComputed },
  { egg: 'zc.recipe.egg', entry: 'custom', summary: 'Builds one distribution from source with custom compiler settings.', url: 'https://pypi.org/project/zc.recipe.egg/', options: [{ name: 'egg', kind: 'string', summary: 'The distribution to build (default: the section name).' }, ...eggOptions, ...buildOptions], computed: eggComputed },
  { egg: 'zc.recipe.egg', entry: 'develop', summary: 'Installs a source checkout as a develop egg with custom build settings.', url: 'https://pypi.org/project/zc.recipe.egg/', options: [{ name: 'setup', kind: 'path', required: true, summary: 'Directory holding the setup.py (or the setup.py itself).' }, ...buildOptions], computed: eggComputed },
  {
    egg: 'slapos.recipe.cmmi', entry: 'default', summary: 'Downloads a source archive and runs configure, make, make install into the part directory.',
    url: 'https://pypi.org/project/slapos.recipe.cmmi/', options: cmmiOptions, exactlyOneOf: [['url', 'path']],
    computed: [partsLocation('`location` if set, else `${buildout:parts-directory}/<section name>` (or the shared-parts directory)')],
  },
  {
    egg: 'slapos.recipe.build', entry: 'default', codeSetsOptions: 'init', summary: 'Runs Python code given in `install` (and `update`) to build anything; the code sees `self.options` and `location`.',
    url: 'https://pypi.org/project/slapos.recipe.build/',
    options: [
      { name: 'install', kind: 'python', summary: 'Python code run on install.' },
      { name: 'update', kind: 'python', summary: 'Python code run on update.' },
      { name: 'init', kind: 'python', summary: 'Python code run when the part is initialised (may set options).' },
      { name: 'location', kind: 'path', summary: 'Where the part installs (default: the part directory).' },
      { name: 'environment', kind: 'lines', summary: 'Environment for the build.' },
      { name: 'shared', kind: 'bool', summary: 'Install into the shared-parts directory.' },
    ],
    computed: [partsLocation()], freeOptions: true,
  },
  {
    egg: 'slapos.recipe.build', entry: 'download', summary: 'Downloads one file (checked by md5sum) into the part.',
    url: 'https://pypi.org/project/slapos.recipe.build/',
    options: [
      { name: 'url', kind: 'url', required: true, summary: 'The file to download.' },
      { name: 'md5sum', kind: 'md5', summary: 'Expected MD5 checksum.' },
      { name: 'filename', kind: 'string', summary: 'Name of the downloaded file in the part directory.' },
      { name: 'destination', kind: 'path', summary: 'Full path to write instead of the part directory.' },
      { name: 'mode', kind: 'octal', summary: 'File mode, in octal.' },
      { name: 'shared', kind: 'bool', summary: 'Install into the shared-parts directory.' },
    ],
    computed: [partsLocation(), installTime('target', 'the path of the downloaded file, known when the part is initialised')],
  },
  {
    egg: 'slapos.recipe.build', entry: 'download-unpacked', summary: 'Downloads an archive and unpacks it into the part.',
    url: 'https://pypi.org/project/slapos.recipe.build/',
    options: [
      { name: 'url', kind: 'url', required: true, summary: 'The archive to download.' },
      { name: 'md5sum', kind: 'md5', summary: 'Expected MD5 checksum.' },
      { name: 'strip-top-level-dir', kind: 'bool', summary: 'Drop the single top-level directory of the archive.' },
      { name: 'destination', kind: 'path', summary: 'Where to unpack instead of the part directory.' },
      { name: 'shared', kind: 'bool', summary: 'Install into the shared-parts directory.' },
    ],
    computed: [partsLocation(), installTime('target', 'the directory the archive is unpacked into')],
  },
  {
    egg: 'slapos.recipe.build', entry: 'gitclone', summary: 'Clones a git repository into the part (optionally at a branch or revision).',
    url: 'https://pypi.org/project/slapos.recipe.build/',
    options: [
      { name: 'repository', kind: 'url', required: true, summary: 'The repository to clone.' },
      { name: 'branch', kind: 'string', default: 'master', summary: 'Branch to check out.' },
      { name: 'revision', kind: 'string', summary: 'Commit to check out (overrides `branch`).' },
      { name: 'location', kind: 'path', summary: 'Where to clone (default: the part directory).' },
      { name: 'git-executable', kind: 'path', default: 'git', summary: 'The git program.' },
      { name: 'ignore-ssl-certificate', kind: 'bool', summary: 'Do not verify HTTPS certificates.' },
      { name: 'sparse-checkout', kind: 'lines', summary: 'Paths for a sparse checkout.' },
      { name: 'develop', kind: 'bool', summary: 'Keep local changes on update.' },
    ],
    computed: [partsLocation()],
  },
];
