/**
 * "Show generated config" and HAProxy checks on rendered templates: pick the section that
 * renders a template (or a profile's template section) and run the renderer on it.
 */
import type { RenderResult } from '../model';
import { renderTemplate } from '../render/render';
import { ResolvedProfileView } from '../workspace/resolvedView';
import type { BuildoutWorkspace } from '../workspace/workspace';
import { templateFlavour, templatePathOf } from '../workspace/templateOwners';

export interface TemplateRender {
  /** The text the recipe would write (absent on error). */
  text?: string;
  /** The renderer's result: `spans` and `lineMap` are the source map back to the template. */
  render?: RenderResult;
  /** Root profile and section used. */
  profile?: string;
  section?: string;
  /**
   * The template file the section reads, also when rendering fails (so a caller can name or
   * open it); undefined for inline templates and remote URLs.
   */
  input?: string;
  /** Messages for the user (buildout's wording where buildout would fail). */
  errors: string[];
  /** Other `profile.cfg:section` owners the user may choose. */
  alternatives?: string[];
}

/** `keepUnresolved`: see the renderer's option (the HAProxy checks' render, not what buildout writes). */
export type RenderRequest = { template: string; owner?: string; keepUnresolved?: boolean } | { profile: string; section?: string };

export function renderTemplateOf(ws: BuildoutWorkspace, req: RenderRequest): TemplateRender {
  let profile: string;
  let section: string | undefined;
  let templateText: string | undefined;
  let alternatives: string[] | undefined;
  let input: string | undefined;
  if ('template' in req) {
    const owner = ws.templateOwner(req.template, req.owner);
    if (!owner) return { input: req.template, errors: [`No collective.recipe.template or slapos.recipe.template section of the workspace's profiles uses ${req.template} as its input.`] };
    profile = owner.profile;
    section = owner.section;
    input = req.template;
    templateText = ws.host.readFile(req.template);
    alternatives = ws.templateCandidates(req.template).filter((c) => c !== owner).map((c) => ws.ownerLabel(c));
  } else {
    const view = ws.profileFor(req.profile);
    profile = view.root;
    const sections = view.sectionNames().filter((s) => {
      const o = view.section(s)?.options;
      const r = o?.has('recipe') || o?.has('<') ? view.value(s, 'recipe') : undefined;
      return r?.ok && templateFlavour(r.value) !== 'none';
    });
    section = sectionFromOwner(req.section) ?? preferHaproxy(view, sections);
    if (!section) return { profile, errors: ['This profile has no collective.recipe.template or slapos.recipe.template section.'] };
    // The template a profile request renders is what `haproxy -c` findings belong to.
    input = templatePathOf(view, section)?.path;
    alternatives = sections.filter((s) => s !== section);
  }
  const view = ws.profile(profile);
  if (!(view instanceof ResolvedProfileView)) return { profile, section, input, errors: ['Rendering needs the buildout resolver.'] };
  const keepUnresolved = 'template' in req && req.keepUnresolved === true;
  const render = renderTemplate(view.profile, section, { templateText, keepUnresolved, readBytes: ws.host.readBytes && ((p) => ws.host.readBytes!(p)) });
  input = render.templatePath ?? input;
  if (render.error) return { profile, section, input, render, errors: [render.error.message.trim()], alternatives };
  return { text: render.text, render, profile, section, input, errors: [], alternatives };
}

/**
 * The client sends a picked owner back as a section name or as `profile:section` (a template
 * owner's label, or the owner of an earlier run); section names cannot hold `:` (`${a:b}`).
 */
function sectionFromOwner(owner: string | undefined): string | undefined {
  if (!owner) return undefined;
  return owner.slice(owner.lastIndexOf(':') + 1) || undefined;
}

/**
 * The template section a profile request renders: the one whose template or output names
 * HAProxy when several sections render templates (a Plone buildout often also renders e.g.
 * a varnish or supervisor config), else the first.
 */
function preferHaproxy(view: Parameters<typeof templatePathOf>[0], sections: string[]): string | undefined {
  const mentionsHaproxy = (s: string) => {
    const where = templatePathOf(view, s)?.path ?? '';
    const out = view.section(s)?.options.has('output') ? view.value(s, 'output') : undefined;
    return /haproxy/i.test(where) || /haproxy/i.test(s) || (out?.ok === true && /haproxy/i.test(out.value));
  };
  return sections.find(mentionsHaproxy) ?? sections[0];
}

/**
 * The template rendered by its owning section, for HAProxy checks: `text` plus `sourceMap`
 * (the renderer's spans and line map, to give to `mapRenderedDiagnostics`). Undefined when the
 * file has no owner or the recipe would fail (the buildout diagnostics say why); a `${…}` naming
 * a missing section or option stays as written (`sourceMap.unresolved`) and the rest is checked.
 */
export function renderForHaproxy(ws: BuildoutWorkspace, templatePath: string, owner?: string): { text: string; sourceMap: RenderResult } | undefined {
  const r = renderTemplateOf(ws, { template: templatePath, owner, keepUnresolved: true });
  return r.text !== undefined && r.render ? { text: r.text, sourceMap: r.render } : undefined;
}
