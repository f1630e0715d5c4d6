import type { ComputeLookup, ComputedOption } from './types';

/** Joins POSIX paths the way os.path.join does (an absolute right-hand side wins). */
export function joinPath(base: string, name: string): string {
  if (name.startsWith('/')) return name;
  if (base === '') return name;
  return base.endsWith('/') ? base + name : base + '/' + name;
}

/** `location`: the section's own `location` or `${buildout:parts-directory}/<section>`. */
export function partsLocation(how = 'the part directory: `${buildout:parts-directory}/<section name>`'): ComputedOption {
  return {
    name: 'location',
    how,
    compute: (section, lookup) => {
      const own = lookup(section, 'location');
      if (own !== undefined) return own;
      const parts = lookup('buildout', 'parts-directory');
      return parts === undefined ? undefined : joinPath(parts, section);
    },
  };
}

/** A computed option that copies a `[buildout]` option. */
export function fromBuildout(name: string, buildoutOption: string): ComputedOption {
  return {
    name,
    how: `copied from \`\${buildout:${buildoutOption}}\``,
    compute: (_section: string, lookup: ComputeLookup) => lookup('buildout', buildoutOption),
  };
}

/** A computed option that exists only once the part is installed (value unknown before). */
export function installTime(name: string, how: string): ComputedOption {
  return { name, how, compute: () => undefined };
}
