import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Where a module may import from (src/): a page (pages/<capability>/) uses
// api/, hooks/, components/ and its own folder, never another page's folder;
// hooks/ and components/ never import from pages/. What two pages share moves
// to hooks/ or components/.
const NO_PAGES = {
  regex: "(^|/)pages(/|$)",
  message: "Only the router (src/pages.tsx) imports pages: move what is shared to src/hooks/ or src/components/.",
};
const NO_OTHER_PAGE = {
  regex: "^\\.\\./[^./][^/]*/",
  message: "A page does not import another page's folder: move what is shared to src/hooks/ or src/components/.",
};

// The UI never reads the computer's clock: "today" is the app's (the Beijing
// date the core works with, and the e2e test clock DUBAN_E2E_NOW), taken from
// useToday() in src/hooks/appData.tsx.
const CLOCK =
  "Do not read the computer's clock in the UI: take today from useToday() (src/hooks/appData.tsx), which is the app's clock — the Beijing date the core uses, and the test clock in e2e runs.";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/api/generated"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // Chinese text uses the ideographic space (U+3000) on purpose.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK },
        { selector: "CallExpression[callee.name='Date']", message: CLOCK },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: CLOCK },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: CLOCK },
      ],
    },
  },
  {
    files: ["src/hooks/**/*.{ts,tsx}", "src/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_PAGES] }] },
  },
  {
    files: ["src/pages/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_PAGES, NO_OTHER_PAGE] }] },
  },
);
