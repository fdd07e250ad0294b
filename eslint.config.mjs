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
    files: ["db/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["next/*", "@/lib/*", "@/app/*", "@/components/*"] }] },
  },
  {
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@/db/*", "@/db"] }] },
  },
];

export default config;
