// ESLint for the browser runtime (generator/assets/*.js, classic scripts for the browser) and
// its Node unit tests (tests/js/). ESLint's recommended rules, plus a few that catch what a
// reviewer of this code looks for. Run by tests/test_runtime_checks.py.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/**", "site/**", "dist/**", ".venv/**", "**/vendor/**"] },
  js.configs.recommended,
  {
    files: ["generator/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script", // served as files and run from file:// too: no modules
      globals: { ...globals.browser, module: "readonly", globalThis: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-var": "off", // theme.js keeps the theme's own code as it was written
      "prefer-const": "error",
      "no-prototype-builtins": "error",
      strict: ["error", "function"],
    },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: { ...globals.node },
    },
  },
];
