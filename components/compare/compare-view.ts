// Compare mode's view, loaded on first use (lazy.tsx): a page that never compares does not load it.
export { ComparePanel } from './ComparePanel';
export { CompareResult } from './CompareResult';
