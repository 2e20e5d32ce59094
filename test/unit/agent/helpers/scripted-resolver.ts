import type { Resolution, Resolver, ResolverInput } from '../../../../src/agent/resolver/resolver.js';

/**
 * A Resolver that returns scripted resolutions in order (the last one repeats) and records every input, so tests
 * can see the repair feedback the graph fed back.
 */
export class ScriptedResolver implements Resolver {
  readonly inputs: ResolverInput[] = [];
  constructor(private readonly script: Resolution[]) {}
  async resolve(input: ResolverInput): Promise<Resolution> {
    this.inputs.push(input);
    const next = this.script[Math.min(this.inputs.length - 1, this.script.length - 1)];
    if (!next) throw new Error('ScriptedResolver has no resolutions');
    return structuredClone(next);
  }
}
