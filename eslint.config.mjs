import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next*/**", ".data/**", "node_modules/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // lib/ is the product: no Next.js imports outside the auth adapter (see ARCHITECTURE.md).
    files: ["lib/**/*.ts"],
    // The auth adapter: Auth.js's Next integration and the request gate.
    ignores: ["lib/auth/config.ts", "lib/auth/require-member.ts", "lib/auth/sign-in-after-change.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["next/*", "@/app/*", "@/components/*"] }] },
  },
  {
    // What a client sends is parsed with lib/input.ts (no NUL in text, dates and instants between 2000 and 2100):
    // a bare z.string() or z.iso.date() in an input schema would let a 500 back in (issue 10, items 6 and 7).
    // lib/api/ holds the OpenAPI response shapes, lib/env.ts the server's own settings.
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx"],
    ignores: ["lib/input.ts", "lib/api/**", "lib/env.ts", "**/*.test.ts", "**/testing/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='z'][callee.property.name='string']", message: "Use str() from lib/input.ts: it refuses NUL characters." },
        {
          selector: "CallExpression[callee.object.object.name='z'][callee.object.property.name='iso'][callee.property.name=/^(date|datetime)$/]",
          message: "Use isoDate() / isoInstant() from lib/input.ts: they keep dates between 2000 and 2100.",
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["next/*", "@/lib/*", "@/app/*", "@/components/*"] }] },
  },
  {
    // The kernel (money, time, ids) is pure and shared by db/, lib/ and app/: it imports nothing of the project.
    files: ["kernel/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["next/*", "@/*", "../*"] }] },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/db/*", "@/db"] }] },
  },
];

export default config;
