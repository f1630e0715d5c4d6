/**
 * What a proxy inherits from `defaults`, for the checks that follow some setting down the file
 * (missing timeouts, inherited `check`/TLS/`crt` on servers, email alerts): a proxy starts from the last `defaults`
 * above it, or from the one its header names with `from`; a `defaults` without `from` starts
 * afresh; a `defaults`' state at its end is what the proxies below it inherit.
 */
import type { Section } from '../../parser/model';
import { lowerCase } from '../../parser/statement';

/** The name after `from` in a proxy or defaults header, if any. */
export function fromName(section: Section): string | undefined {
  // Words and values, not tokens: this reads the header of every proxy.
  const h = section.header;
  return h.tokenCount > 3 && lowerCase(h.valueAt(2)!) === 'from' ? h.valueAt(3) : undefined;
}

export class DefaultsChain<T> {
  private readonly named = new Map<string, T>();
  private current: T;

  /** `none`: the state of a section that inherits nothing. */
  constructor(private readonly none: T) {
    this.current = none;
  }

  /** The state `section` starts from. */
  start(section: Section): T {
    const from = fromName(section);
    if (from !== undefined) return this.named.get(from) ?? this.none;
    return section.kind === 'defaults' ? this.none : this.current;
  }

  /** After a section: a `defaults`' final state is what the proxies below (or naming it) inherit. */
  end(section: Section, state: T): void {
    if (section.kind !== 'defaults') return;
    this.current = state;
    if (section.name) this.named.set(section.name.value, state);
  }
}
