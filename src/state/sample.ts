// moved; kept for importers being finished on other branches (src/ui/App.svelte).
// eslint-disable-next-line no-restricted-imports -- a temporary shim: state never imports app otherwise.
export * from '../app/open-sample.ts';
