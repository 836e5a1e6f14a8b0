import { strFromU8, unzipSync } from "fflate"
import { beforeAll, describe, expect, it } from "vitest"
import { appFromOverride } from "@/lib/emulator/keys"
import { ecaProjectFiles, ECA_PROJECT_DIR, memberNames } from "@/lib/salesforce/eca/generate"
import {
  ECA_TYPES,
  IP_RELAXATION,
  METADATA_NS,
  PERMITTED_USERS,
  REFRESH_TOKEN_POLICY_TYPES,
  REFRESH_TOKEN_UNITS,
} from "@/lib/salesforce/eca/metadata-types"
import { ECA_FLOWS, METADATA_SCOPES, type EcaPolicies } from "@/lib/salesforce/eca/policies"
import { buildXml, parseMetadata, wellFormedRoot } from "@/lib/salesforce/eca/xml"
import { buildZip } from "@/lib/salesforce/eca/zip"
import { ecaChoicesFrom, ecaPoliciesFor } from "@/lib/setup/eca/choices"
import { otherPrivateKeyPem } from "../../_helpers/assertions"

/**
 * Element names per type, copied by hand from the Metadata API Developer Guide (Spring '26,
 * https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_externalclientapplication.htm,
 * …/meta_extlclntappglobaloauthsettings.htm, …/meta_extlclntappoauthsettings.htm,
 * …/meta_extlclntappoauthconfigurablepolicies.htm): a second copy, so a typo in
 * lib/salesforce/eca/metadata-types.ts cannot agree with itself.
 */
const DOCUMENTED: Record<string, { suffix: string; folder: string; fields: string }> = {
  ExternalClientApplication: {
    suffix: "eca",
    folder: "externalClientApps",
    fields:
      "contactEmail contactPhone description distributionState iconUrl infoUrl isProtected label logoUrl managedType orgScopedExternalApp",
  },
  ExtlClntAppGlobalOauthSettings: {
    suffix: "ecaGlblOauth",
    folder: "extlClntAppGlobalOauthSets",
    fields:
      "callbackUrl certificate consumerKey consumerSecret externalClientApplication idTokenConfig isClientCredentialsFlowEnabled isCodeCredFlowEnabled isCodeCredPostOnly isConsumerSecretOptional isDeviceFlowEnabled isIntrospectAllTokens isNamedUserJwtEnabled isPkceRequired isRefreshTokenRotationEnabled isSecretRequiredForRefreshToken isSecretRequiredForTokenExchange isTokenExchangeEnabled label shouldRotateConsumerKey shouldRotateConsumerSecret",
  },
  ExtlClntAppOauthSettings: {
    suffix: "ecaOauth",
    folder: "extlClntAppOauthSettings",
    fields:
      "areAttributesIncludedInAssetToken areCustomPermsIncludedInAssetToken assetTokenAudiences assetTokenSigningCertificate assetTokenValidity clientAssertionCertificate commaSeparatedOauthScopes customAttributes externalClientApplication isFirstPartyAppEnabled label oauthLink singleLogoutUrl trustedIpRanges",
  },
  ExtlClntAppOauthConfigurablePolicies: {
    suffix: "ecaOauthPlcy",
    folder: "extlClntAppOauthPolicies",
    fields:
      "apexHandler clientCredentialsFlowUser commaSeparatedCustomScopes commaSeparatedPermissionSet commaSeparatedProfile customAttributes executeHandlerAs externalClientApplication guestJwtTimeout guestJwtSessionTimeoutType ipRelaxationPolicyType isClientCredentialsFlowEnabled isGuestCodeCredFlowEnabled isNamedUserJwtEnabled isTokenExchangeFlowEnabled label namedUserJwtTimeout namedUserJwtSessionTimeoutType permittedUsersPolicyType policyAction refreshTokenPolicyType refreshTokenValidityPeriod refreshTokenValidityUnit requiredSessionLevel sessionTimeoutInMinutes singleLogoutUrl startUrl",
  },
}

const SITE = {
  callbacks: {
    webServer: "https://lab.example.com/flows/web-server/callback",
    userAgent: "https://lab.example.com/flows/user-agent/callback",
  },
  scopes: ["api", "refresh_token", "openid"],
  certificatePem: "",
}
beforeAll(async () => {
  SITE.certificatePem = (
    await appFromOverride({
      clientId: "3MVG9Eca",
      clientSecret: "S".repeat(64),
      privateKeyPem: otherPrivateKeyPem(),
    })
  ).certificatePem
})

function policies(query: string): EcaPolicies {
  return ecaPoliciesFor(ecaChoicesFrom(new URLSearchParams(query)), SITE)
}
const ALL = `${ECA_FLOWS.map((f) => `flow=${f}`).join("&")}&contactEmail=dev%40example.com&runAs=admin%40example.com&pkce=on&secretWebServer=on&secretRefresh=on&rotation=on&highAssurance=on&refreshPolicy=SpecificLifetime&refreshPeriod=7&refreshUnit=Days&ipRelaxation=Bypass`

describe("External Client App metadata, generated", () => {
  it("F-200 every element is a documented field of its type, in the metadata namespace, and every file parses back", () => {
    const files = ecaProjectFiles(policies(ALL))
    const names = memberNames("Salesforce_OAuth_Lab")
    expect(ECA_TYPES.map((t) => t.name).sort()).toEqual(Object.keys(DOCUMENTED).sort())
    for (const type of ECA_TYPES) {
      const doc = DOCUMENTED[type.name]!
      expect(type.fields.join(" ")).toBe(doc.fields)
      const path = `force-app/main/default/${doc.folder}/${names[type.name]}.${doc.suffix}-meta.xml`
      const text = files.get(path)
      expect(text, path).toBeDefined()
      expect(text!.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true)
      const root = wellFormedRoot(text!)
      expect(root.localName).toBe(type.name)
      expect(root.namespaceURI).toBe(METADATA_NS)
      const children = Array.from(root.childNodes).filter((n) => n.nodeType === 1)
      expect(children.length).toBeGreaterThan(2)
      for (const c of children) expect(doc.fields.split(" "), type.name).toContain(c.nodeName)
      const parsed = parseMetadata(text!, type)
      expect(parsed.unknown).toEqual([])
      if (type.name !== "ExternalClientApplication")
        expect(parsed.fields.get("externalClientApplication")).toBe("Salesforce_OAuth_Lab")
    }
  })

  it("F-200 F-203 enumerated values are the documented ones; scopes use the documented scope names", () => {
    const files = [...ecaProjectFiles(policies(ALL)).values()].join("\n")
    const value = (el: string) => new RegExp(`<${el}>([^<]*)</${el}>`).exec(files)?.[1]
    expect(PERMITTED_USERS).toContain(value("permittedUsersPolicyType"))
    expect(REFRESH_TOKEN_POLICY_TYPES).toContain(value("refreshTokenPolicyType"))
    expect(REFRESH_TOKEN_UNITS).toContain(value("refreshTokenValidityUnit"))
    expect(IP_RELAXATION).toContain(value("ipRelaxationPolicyType"))
    expect(value("requiredSessionLevel")).toBe("HIGH_ASSURANCE")
    expect(value("policyAction")).toBe("RaiseSessionLevel")
    const scopes = value("commaSeparatedOauthScopes")!.split(",")
    expect(scopes.sort()).toEqual(["Api", "OpenID", "RefreshToken"])
    for (const s of scopes) expect(Object.keys(METADATA_SCOPES)).toContain(s)
    expect(value("clientCredentialsFlowUser")).toBe("admin@example.com")
    expect(value("isDeviceFlowEnabled")).toBe("true")
  })

  it("F-201 package.xml names the four types with the files' member names; sfdx-project.json points at force-app", () => {
    const files = ecaProjectFiles(policies(ALL))
    const pkg = wellFormedRoot(files.get("package.xml")!)
    expect(pkg.localName).toBe("Package")
    const types = Array.from(pkg.getElementsByTagName("types")).map((t) => [
      t.getElementsByTagName("name")[0]!.textContent,
      t.getElementsByTagName("members")[0]!.textContent,
    ])
    expect(Object.fromEntries(types)).toEqual(memberNames("Salesforce_OAuth_Lab"))
    for (const [, member] of types)
      expect([...files.keys()].some((p) => p.includes(`/${member}.`))).toBe(true)
    expect(pkg.getElementsByTagName("version")[0]!.textContent).toMatch(/^\d+\.0$/)
    const project = JSON.parse(files.get("sfdx-project.json")!) as Record<string, unknown>
    expect(project.packageDirectories).toEqual([{ path: "force-app", default: true }])
  })

  it("C-160 the zip carries the certificate only for JWT Bearer, and never a consumer key, secret or private key", () => {
    const jwt = ecaProjectFiles(policies(ALL))
    const text = [...jwt.values()].join("\n")
    expect(text).toContain("<certificate>-----BEGIN CERTIFICATE-----")
    expect(text).not.toMatch(/consumerKey|consumerSecret|PRIVATE KEY/)
    const noJwt = ecaProjectFiles(policies("flow=web-server&contactEmail=a%40b.c"))
    expect([...noJwt.values()].join("\n")).not.toContain("<certificate>")
    const zip = unzipSync(buildZip(ECA_PROJECT_DIR, jwt))
    expect(Object.keys(zip).every((p) => p.startsWith(`${ECA_PROJECT_DIR}/`))).toBe(true)
    expect(
      Object.values(zip)
        .map((u) => strFromU8(u))
        .join(""),
    ).not.toMatch(/PRIVATE KEY/)
  })

  it("F-202 the browser flows' callbacks go into callbackUrl, one per line; a flow left out leaves its part out", () => {
    const files = ecaProjectFiles(policies("flow=web-server&flow=user-agent&contactEmail=a%40b.c"))
    const global = [...files].find(([p]) => p.endsWith(".ecaGlblOauth-meta.xml"))![1]
    expect(global).toContain(
      `<callbackUrl>${SITE.callbacks.webServer}\n${SITE.callbacks.userAgent}</callbackUrl>`,
    )
    expect(global).toContain("<isClientCredentialsFlowEnabled>false<")
    expect(global).toContain("<isDeviceFlowEnabled>false<")
    const jwtOnly = [
      ...ecaProjectFiles(policies("flow=jwt-bearer&contactEmail=a%40b.c")).values(),
    ].join()
    expect(jwtOnly).not.toContain("<callbackUrl>")
    expect(jwtOnly).toContain("<commaSeparatedOauthScopes>Api,OpenID</commaSeparatedOauthScopes>")
  })

  it("C-161 values are escaped by the XML serializer, never concatenated", () => {
    const xml = buildXml("ExternalClientApplication", [["label", `a<b>&"c]]></label><x>`]])
    const root = wellFormedRoot(xml)
    expect(root.getElementsByTagName("label")[0]!.textContent).toBe(`a<b>&"c]]></label><x>`)
    expect(root.getElementsByTagName("x").length).toBe(0)
  })

  it("F-200 the form refuses Username-Password, no flow, and a missing contact email", () => {
    expect(() =>
      ecaChoicesFrom(new URLSearchParams("flow=username-password&contactEmail=a%40b.c")),
    ).toThrow(/do not support the Username-Password flow/)
    expect(() => ecaChoicesFrom(new URLSearchParams("contactEmail=a%40b.c"))).toThrow(
      /at least one flow/,
    )
    expect(() => ecaChoicesFrom(new URLSearchParams("flow=device"))).toThrow(/contact email/)
  })
})
