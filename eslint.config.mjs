import nextVitals from "eslint-config-next/core-web-vitals"
import nextTs from "eslint-config-next/typescript"
import jsxA11y from "eslint-plugin-jsx-a11y"

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // eslint-config-next registers the jsx-a11y plugin with a handful of its rules; take all of its
    // recommended ones (the same plugin object, so it is not registered twice).
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A block that may scroll takes focus so the keyboard can scroll it (WCAG 2.1.1; axe's
      // scrollable-region-focusable rule, https://dequeuniversity.com/rules/axe/4.10/scrollable-region-focusable):
      // the inspector's <pre> blocks are such regions.
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        { tags: ["pre"], roles: ["tabpanel", "region"], allowExpressionValues: true },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The embedded org's markup is written with the escaping `html` tag (lib/emulator/pages/html.ts):
    // a plain template string holding a tag would interpolate values unescaped (S-95).
    files: ["lib/emulator/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            ":not(TaggedTemplateExpression) > TemplateLiteral > TemplateElement[value.raw=/<[A-Za-z!]/]",
          message:
            "Write the org's markup with the html tag from lib/emulator/pages/html.ts, which escapes what it interpolates.",
        },
      ],
    },
  },
  {
    // Links between the site's pages go through PageLink, which does not prefetch (see its comment).
    files: ["app/**/*.tsx", "app/**/*.ts"],
    ignores: ["app/_components/page-link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/link",
              message:
                "Use PageLink from app/_components/page-link.tsx (no prefetch of dynamic pages).",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "reports/**",
      "next-env.d.ts",
    ],
  },
]

export default config
