import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The auth adapter: Auth.js's Next integration and the request gate (the only lib/ files that may import Next.js).
const AUTH_ADAPTER = ["lib/auth/config.ts", "lib/auth/require-member.ts", "lib/auth/sign-in-after-change.ts"];
const LIB_LAYER = [{ group: ["next/*", "@/app/*", "@/components/*"] }];
const DB_LAYER = [{ group: ["next/*", "@/lib/*", "@/app/*", "@/components/*"] }];
/**
 * Test tooling is not product (issue 13): testing/ (the Stripe test server, fixtures, receivers) and db/testing are
 * for tests only. Matches `@/testing/...`, `@/db/testing/...` and any relative path to a testing folder
 * (`../testing/...`, `../../testing/...`, `./testing/...`). Flat config keeps one setting of a rule per file (the
 * last block that matches), so every block that restricts imports lists this too, and test files get blocks without it.
 */
const TESTING = {
  regex: "^(@/(db/)?|(\\.\\.?/)+)testing(/|$)",
  message: "Test tooling (testing/, db/testing) is for tests only: app/, lib/, components/ and db/ must not import it.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next*/**",
      ".data/**",
      "node_modules/**",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // lib/ is the product: no Next.js imports outside the auth adapter (see ARCHITECTURE.md), and no test tooling.
    files: ["lib/**/*.ts"],
    ignores: [...AUTH_ADAPTER, "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...LIB_LAYER, TESTING] }] },
  },
  {
    // lib's tests keep the layer rule and may use the test tooling.
    files: ["lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_LAYER }] },
  },
  {
    files: AUTH_ADAPTER,
    rules: { "no-restricted-imports": ["error", { patterns: [TESTING] }] },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [TESTING] }] },
  },
  {
    // What a client sends is parsed with lib/input.ts (no NUL in text, dates and instants between 2000 and 2100):
    // a bare z.string() or z.iso.date() in an input schema would let a 500 back in (issue 10, items 6 and 7).
    // lib/api/ holds the OpenAPI response shapes, lib/env.ts the server's own settings.
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    ignores: [
      "lib/input.ts",
      "lib/api/**",
      "lib/**/response-schemas.ts",
      "lib/env.ts",
      "**/*.test.ts",
      "**/testing/**",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
          message: "Use str() from lib/input.ts: it refuses NUL characters.",
        },
        {
          selector:
            "CallExpression[callee.object.object.name='z'][callee.object.property.name='iso'][callee.property.name=/^(date|datetime)$/]",
          message: "Use isoDate() / isoInstant() from lib/input.ts: they keep dates between 2000 and 2100.",
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: DB_LAYER }] },
  },
  {
    // db/testing is the database's own test tooling (test databases, factories): only tests and itself use it.
    files: ["db/**/*.ts"],
    ignores: ["db/testing/**", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...DB_LAYER, TESTING] }] },
  },
  {
    // The kernel (money, time, ids) is pure and shared by db/, lib/ and app/: it imports nothing of the project.
    files: ["kernel/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["next/*", "@/*", "../*"] }] },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/db/*", "@/db"] }, TESTING] }] },
  },
];

export default config;
