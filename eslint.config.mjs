import nextVitals from "eslint-config-next/core-web-vitals"
import nextTs from "eslint-config-next/typescript"

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
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
          selector: ":not(TaggedTemplateExpression) > TemplateLiteral > TemplateElement[value.raw=/<[A-Za-z!]/]",
          message: "Write the org's markup with the html tag from lib/emulator/pages/html.ts, which escapes what it interpolates.",
        },
      ],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "reports/**", "next-env.d.ts"],
  },
]

export default config
