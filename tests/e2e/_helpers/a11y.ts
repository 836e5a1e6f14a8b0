import AxeBuilder from "@axe-core/playwright"
import { expect, type Locator, type Page } from "@playwright/test"

// axe-core's own types, reached through @axe-core/playwright (axe-core is its dependency, not ours).
type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>
type Result = AxeResults["violations"][number]

/** The rules the site promises to pass: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

/** One violation per paragraph: the rule, its help text and link, and each offending element's selector and reason. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) =>
            `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n\s*/g, "\n      ")}`,
        )
        .join("\n")
      return `  ${v.id} (${v.impact ?? "no impact"}): ${v.help}\n    ${v.helpUrl}\n${nodes}`
    })
    .join("\n")
}

/**
 * Runs axe over the whole page and fails, readably, on any WCAG 2.1 A/AA violation. `heading` is the
 * page's h1: it is checked first, so the scan is of the intended page, and the scan must have looked
 * at that heading (its contrast checked), so an empty or wrong page cannot pass.
 */
export async function expectNoAxeViolations(
  page: Page,
  heading: string | RegExp,
): Promise<AxeResults> {
  await expect(page.getByRole("heading", { level: 1 })).toContainText(heading)
  // Legacy mode runs axe once, in the page. The default mode also opens a blank page and loads axe
  // into it a second time to merge results from cross-origin frames; neither the site nor the org
  // has a frame (both forbid framing), and the same rules give the same results, for about a third
  // less CPU per scan (measured in this suite's runs: 1.0-1.7 s against 1.5-2.3 s of a core).
  expect(page.frames(), "a page with a frame needs axe's default mode").toHaveLength(1)
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze()
  expect(results.url, "axe scanned another page than the one under test").toBe(page.url())
  // Proof that axe went over this page's content: it checked the contrast of its h1's text.
  const contrast = [...results.passes, ...results.violations, ...results.incomplete]
    .filter((r) => r.id === "color-contrast")
    .flatMap((r) => r.nodes)
  expect(
    contrast.some((n) => n.html.startsWith("<h1")),
    "axe did not check the page's h1: did the page render?",
  ).toBe(true)
  expect(
    results.violations.map((v) => v.id),
    `axe found WCAG 2.1 A/AA violations on ${page.url()}:\n${formatViolations(results.violations)}`,
  ).toEqual([])
  return results
}

/** What has focus, for messages: tag, id and the start of its text or label. */
export const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return "(body)"
    const name = el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? ""
    return `<${el.tagName.toLowerCase()}${el.id ? ` id=${el.id}` : ""}> ${name.trim().slice(0, 50)}`
  })

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails with the
 * path taken when it never gets there. The locator is only read, never clicked.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  opts: { back?: boolean; max?: number } = {},
): Promise<void> {
  const path: string[] = []
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab")
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    path.push(await describeFocus(page))
  }
  throw new Error(`Tab never reached ${target}; focus went:\n  ${path.join("\n  ")}`)
}

/**
 * The focused element shows a focus indicator the keyboard user can see: it matches :focus-visible
 * and draws a solid outline at least 2px wide in a colour that is not transparent.
 */
export async function expectVisibleFocus(target: Locator): Promise<void> {
  const style = await target.evaluate((el) => {
    const cs = getComputedStyle(el)
    return {
      focused: el === document.activeElement,
      focusVisible: el.matches(":focus-visible"),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
    }
  })
  expect(style.focused, `${target} should have focus`).toBe(true)
  expect(style.focusVisible, `${target} should match :focus-visible`).toBe(true)
  const [kind, width, ...color] = style.outline.split(" ")
  const visible =
    kind === "solid" &&
    parseFloat(width!) >= 2 &&
    !/rgba\(.*, 0\)$|transparent/.test(color.join(" "))
  expect(visible, `${target} has focus but no visible outline (${style.outline})`).toBe(true)
}
