/**
 * "Show generated config" and HAProxy checks on rendered templates: pick the section that
 * renders a template (or a profile's template section) and run the renderer on it.
 */
import type { RenderResult } from '../model';
import { renderTemplate } from '../render/render';
import { ResolvedProfileView } from '../workspace/resolvedView';
import type { BuildoutWorkspace } from '../workspace/workspace';
import { templateFlavour } from '../workspace/templateOwners';

export interface TemplateRender {
  /** The text the recipe would write (absent on error). */
  text?: string;
  /** The renderer's result: `spans` and `lineMap` are the source map back to the template. */
  render?: RenderResult;
  /** Root profile and section used. */
  profile?: string;
  section?: string;
  /** Messages for the user (buildout's wording where buildout would fail). */
  errors: string[];
  /** Other `profile.cfg:section` owners the user may choose. */
  alternatives?: string[];
}

export type RenderRequest = { template: string; owner?: string } | { profile: string; section?: string };

export function renderTemplateOf(ws: BuildoutWorkspace, req: RenderRequest): TemplateRender {
  let profile: string;
  let section: string | undefined;
  let templateText: string | undefined;
  let alternatives: string[] | undefined;
  if ('template' in req) {
    const owner = ws.templateOwner(req.template, req.owner);
    if (!owner) return { errors: [`No collective.recipe.template or slapos.recipe.template section of the workspace's profiles uses ${req.template} as its input.`] };
    profile = owner.profile;
    section = owner.section;
    templateText = ws.host.readFile(req.template);
    alternatives = ws.templateCandidates(req.template).filter((c) => c !== owner).map((c) => ws.ownerLabel(c));
  } else {
    const view = ws.profileFor(req.profile);
    profile = view.root;
    const sections = view.sectionNames().filter((s) => {
      const r = view.section(s)?.options.has('recipe') ? view.value(s, 'recipe') : undefined;
      return r?.ok && templateFlavour(r.value) !== 'none';
    });
    section = req.section ?? sections[0];
    if (!section) return { profile, errors: ['This profile has no collective.recipe.template or slapos.recipe.template section.'] };
    alternatives = sections.filter((s) => s !== section);
  }
  const view = ws.profile(profile);
  if (!(view instanceof ResolvedProfileView)) return { profile, section, errors: ['Rendering needs the buildout resolver.'] };
  const render = renderTemplate(view.profile, section, { templateText });
  if (render.error) return { profile, section, render, errors: [render.error.message.trim()], alternatives };
  return { text: render.text, render, profile, section, errors: [], alternatives };
}

/**
 * The template rendered by its owning section, for HAProxy checks: `text` plus `sourceMap`
 * (the renderer's spans and line map, to give to `mapRenderedDiagnostics`). Undefined when the
 * file has no owner or the recipe would fail (the buildout diagnostics say why).
 */
export function renderForHaproxy(ws: BuildoutWorkspace, templatePath: string, owner?: string): { text: string; sourceMap: RenderResult } | undefined {
  const r = renderTemplateOf(ws, { template: templatePath, owner });
  return r.text !== undefined && r.render ? { text: r.text, sourceMap: r.render } : undefined;
}
