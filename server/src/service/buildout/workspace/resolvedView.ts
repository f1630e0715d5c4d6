/** ProfileView over the resolver's `BuildoutProfile`, memoising what features ask repeatedly. */
import type { FileSystemHost } from '../../common/host';
import type { BuildoutError, MergedOption, MergedSection, ParsedFile, SubstitutionReference } from '../model';
import { recipeComputedOptions } from '../recipes/provider';
import { resolveProfile, type BuildoutProfile } from '../resolver/profile';
import type { ProfileView } from './profileView';
import type { WorkspaceOptions } from './workspace';

export class ResolvedProfileView implements ProfileView {
  private sectionMemo = new Map<string, MergedSection | undefined>();
  private optionNamesMemo = new Map<string, string[]>();
  private expandedMemo = new Map<string, Map<string, MergedOption> | null>();
  private names?: string[];

  constructor(readonly profile: BuildoutProfile) {}

  get root(): string {
    return this.profile.root;
  }
  get files() {
    return this.profile.files;
  }
  sectionNames(): string[] {
    return (this.names ??= this.profile.sectionNames());
  }
  section(name: string): MergedSection | undefined {
    if (!this.sectionMemo.has(name)) this.sectionMemo.set(name, this.profile.getSection(name));
    return this.sectionMemo.get(name);
  }
  option(section: string, option: string): MergedOption | undefined {
    let expanded = this.expandedMemo.get(section);
    if (expanded === undefined) {
      const e = this.profile.getExpandedSection(section);
      expanded = e instanceof Map ? e : null;
      this.expandedMemo.set(section, expanded);
    }
    return expanded?.get(option) ?? this.section(section)?.options.get(option);
  }
  expansionError(section: string): BuildoutError | undefined {
    const e = this.profile.getExpandedSection(section);
    return e instanceof Map ? undefined : e;
  }
  optionNames(section: string): string[] {
    let names = this.optionNamesMemo.get(section);
    if (!names) {
      const expanded = this.profile.getExpandedSection(section);
      const merged = this.section(section);
      const set = new Set<string>();
      if (expanded instanceof Map) for (const k of expanded.keys()) set.add(k);
      else for (const k of merged?.options.keys() ?? []) set.add(k);
      set.add('_buildout_section_name_');
      set.delete('<');
      names = [...set];
      this.optionNamesMemo.set(section, names);
    }
    return names;
  }
  value(section: string, option: string) {
    return this.profile.getValue(section, option);
  }
  sectionValues(section: string) {
    return this.profile.resolveSection(section);
  }
  references(file: string): SubstitutionReference[] {
    // Per file, cached by the resolver per parse: an edit rescans the edited file only.
    return this.profile.fileReferences(file) as SubstitutionReference[];
  }
  parts() {
    return this.profile.parts();
  }
  errors() {
    return this.profile.errors;
  }
}

/** The workspace's default resolver: zc.buildout semantics with this project's recipe table. */
export function resolveView(host: FileSystemHost, root: string, options: WorkspaceOptions, _parse: (path: string) => ParsedFile | undefined): ProfileView {
  return new ResolvedProfileView(resolveProfile(host, root, {
    mergeMode: options.mergeMode,
    userDefaults: options.userDefaults,
    computedOptions: recipeComputedOptions,
  }));
}
