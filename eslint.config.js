// ESLint for the project's JavaScript: the recommended rules, no warnings
// allowed (`invoke test` runs it with --max-warnings=0).

import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["output/", "output.*/", "cache/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  // An example's page script, as its template loads it: a classic script.
  { files: ["examples/**/*.js"], languageOptions: { sourceType: "script" } },
  { files: ["theme/live/worker.js"], languageOptions: { globals: globals.worker } },
  {
    files: ["eslint.config.js", "plugins/**/*.mjs", "tests/js/**"],
    languageOptions: { globals: globals.node },
  },
];
