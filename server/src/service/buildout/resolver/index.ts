/** Public entry points of the buildout resolver. */
export { BuildoutProfile, resolveProfile } from './profile';
export { ParseCache } from './loader';
export { defaultComputedOptions } from './defaults';
export { scanValueRefs, scanRefs, syntaxError, templateSplit } from './substitution';
export { evaluateCondition, DEFAULT_PLATFORM } from '../parser/conditions';
export { parseBuildout } from '../parser/parser';
