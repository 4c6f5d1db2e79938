// The part of MSAL the pane uses, built as a module of its own (dist/chunks/msal-<hash>.js, tools/build.mjs) and
// imported by auth.ts only when the pane signs in with NAA: the first card does not wait for its 340 KB.
export { createNestablePublicClientApplication } from "@azure/msal-browser";
