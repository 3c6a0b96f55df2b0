/**
 * The layer rule of docs/architecture.md, checked by `npm run lint` (dependency-cruiser).
 *
 * Each top-level folder of `src/` is a layer and may import only the layers below it in `LAYERS`
 * (highest first). Layers that do not exist yet are listed all the same, so a new folder needs no
 * change here. Type-only imports count: a type that two layers share moves down.
 */

/**
 * Highest first: a folder imports only folders of the groups after its own. Folders in one group are
 * peers: neither imports the other (the model providers and the MCP hub; the config and agente's own
 * servers).
 */
const LAYER_GROUPS = [
  ["cli"],
  ["serve"],
  ["runtime"],
  ["eval"],
  ["testing"],
  ["agent"],
  ["retrieval"],
  ["prompt"],
  ["llm", "mcp"],
  ["config", "servers"],
  ["memory"],
  ["embedders"],
  ["models"],
  ["odoo"],
  ["util"],
  ["i18n"],
];
const LAYERS = LAYER_GROUPS.flat();

/** One rule per layer: nothing in it imports a layer above it or a peer of its own group. */
const upwardImports = LAYER_GROUPS.flatMap((group, index) =>
  group.map((layer) => {
    const forbidden = [...LAYER_GROUPS.slice(0, index).flat(), ...group.filter((peer) => peer !== layer)];
    return {
      name: `layer-${layer}`,
      comment: `src/${layer}/ may import only layers below it: ${
        LAYER_GROUPS.slice(index + 1)
          .flat()
          .join(", ") || "nothing"
      }.`,
      severity: "error",
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${forbidden.join("|")})/` },
    };
  }),
).filter((rule) => !rule.to.path.startsWith("^src/()"));

const knownLayers = `^src/(${LAYERS.join("|")})/`;

module.exports = {
  forbidden: [
    ...upwardImports,
    {
      name: "not-a-layer",
      comment:
        "Every file of src/ lives in one of the layers of docs/architecture.md: a folder that is not one is reported by its imports of the rest of src/.",
      severity: "error",
      from: { path: "^src/([^/]+)/", pathNot: knownLayers },
      to: { path: "^src/", pathNot: "^src/$1/" },
    },
    {
      name: "not-in-a-layer",
      comment: "No source file directly in src/: it belongs in one of the layers.",
      severity: "error",
      from: { path: "^src/[^/]+$" },
      to: {},
    },
    {
      name: "import-of-not-a-layer",
      comment: "Nothing imports a folder of src/ that is not one of the layers of docs/architecture.md.",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: { path: "^src/", pathNot: [knownLayers, "^src/$1/"] },
    },
    {
      name: "no-circular",
      comment: "No two modules import each other, directly or in a circle.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-test-from-src-or-bench",
      comment: "src/ and bench/ never import from test/ (shared test doubles live in src/testing/).",
      severity: "error",
      from: { path: "^(src|bench)/" },
      to: { path: "^test/" },
    },
    {
      name: "no-test-runner-in-src",
      comment: "src/ (the testing kit included) runs inside agente, the bench and the eval: no test runner.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "(^|/)node_modules/(vitest|@vitest)/" },
    },
    {
      name: "inside-the-repo",
      comment: "Nothing in the repo reads outside its own tree.",
      severity: "error",
      from: {},
      to: { path: "^\\.\\./", couldNotResolve: false },
    },
    {
      name: "resolvable",
      comment:
        "Every import resolves. Only the build output may be missing: bench fixtures run against dist/ after `npm run build`.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, pathNot: "^(\\.\\./)+dist/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
