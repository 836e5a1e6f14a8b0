/**
 * The four Metadata API types of an External Client App (ECA) with OAuth, as the Metadata API
 * Developer Guide (Spring '26, API 66.0) documents them: type name (package.xml `<name>`), file
 * suffix, folder, and every field the reference lists (the allow-lists the generator and the importer
 * keep to; docs/fidelity.md, F-200, F-201). Folders and suffixes agree with the Salesforce CLI's
 * registry (forcedotcom/source-deploy-retrieve, src/registry/metadataRegistry.json).
 */
export const METADATA_NS = "http://soap.sforce.com/2006/04/metadata"

/**
 * The API version of package.xml and sfdx-project.json. Every field written here exists since 61.0
 * at the latest (certificate, isDeviceFlowEnabled, clientCredentialsFlowUser: 60.0).
 */
export const ECA_API_VERSION = "64.0"

export interface EcaMetadataType {
  /** The type name, as in package.xml and as the XML root element. */
  name: string
  /** File suffix: source format adds `-meta.xml`. */
  suffix: string
  /** Folder under force-app/main/default (source format) or the zip root (metadata format). */
  folder: string
  /** The Metadata API reference page. */
  source: string
  /** Every field the reference lists, in its order. */
  fields: readonly string[]
}

const REF = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta"

export const ECA_HEADER: EcaMetadataType = {
  name: "ExternalClientApplication",
  suffix: "eca",
  folder: "externalClientApps",
  source: `${REF}/meta_externalclientapplication.htm`,
  fields: [
    "contactEmail",
    "contactPhone",
    "description",
    "distributionState",
    "iconUrl",
    "infoUrl",
    "isProtected",
    "label",
    "logoUrl",
    "managedType",
    "orgScopedExternalApp",
  ],
}

/** "Global" OAuth settings: the ones that "can't be packaged" (consumer key and secret live here). */
export const ECA_GLOBAL_OAUTH: EcaMetadataType = {
  name: "ExtlClntAppGlobalOauthSettings",
  suffix: "ecaGlblOauth",
  folder: "extlClntAppGlobalOauthSets",
  source: `${REF}/meta_extlclntappglobaloauthsettings.htm`,
  fields: [
    "callbackUrl",
    "certificate",
    "consumerKey",
    "consumerSecret",
    "externalClientApplication",
    "idTokenConfig",
    "isClientCredentialsFlowEnabled",
    "isCodeCredFlowEnabled",
    "isCodeCredPostOnly",
    "isConsumerSecretOptional",
    "isDeviceFlowEnabled",
    "isIntrospectAllTokens",
    "isNamedUserJwtEnabled",
    "isPkceRequired",
    "isRefreshTokenRotationEnabled",
    "isSecretRequiredForRefreshToken",
    "isSecretRequiredForTokenExchange",
    "isTokenExchangeEnabled",
    "label",
    "shouldRotateConsumerKey",
    "shouldRotateConsumerSecret",
  ],
}

export const ECA_OAUTH_SETTINGS: EcaMetadataType = {
  name: "ExtlClntAppOauthSettings",
  suffix: "ecaOauth",
  folder: "extlClntAppOauthSettings",
  source: `${REF}/meta_extlclntappoauthsettings.htm`,
  fields: [
    "areAttributesIncludedInAssetToken",
    "areCustomPermsIncludedInAssetToken",
    "assetTokenAudiences",
    "assetTokenSigningCertificate",
    "assetTokenValidity",
    "clientAssertionCertificate",
    "commaSeparatedOauthScopes",
    "customAttributes",
    "externalClientApplication",
    "isFirstPartyAppEnabled",
    "label",
    "oauthLink",
    "singleLogoutUrl",
    "trustedIpRanges",
  ],
}

/** The administrator's policies (Policies tab of the External Client App Manager). */
export const ECA_OAUTH_POLICIES: EcaMetadataType = {
  name: "ExtlClntAppOauthConfigurablePolicies",
  suffix: "ecaOauthPlcy",
  folder: "extlClntAppOauthPolicies",
  source: `${REF}/meta_extlclntappoauthconfigurablepolicies.htm`,
  fields: [
    "apexHandler",
    "clientCredentialsFlowUser",
    "commaSeparatedCustomScopes",
    "commaSeparatedPermissionSet",
    "commaSeparatedProfile",
    "customAttributes",
    "executeHandlerAs",
    "externalClientApplication",
    "guestJwtTimeout",
    "guestJwtSessionTimeoutType",
    "ipRelaxationPolicyType",
    "isClientCredentialsFlowEnabled",
    "isGuestCodeCredFlowEnabled",
    "isNamedUserJwtEnabled",
    "isTokenExchangeFlowEnabled",
    "label",
    "namedUserJwtTimeout",
    "namedUserJwtSessionTimeoutType",
    "permittedUsersPolicyType",
    "policyAction",
    "refreshTokenPolicyType",
    "refreshTokenValidityPeriod",
    "refreshTokenValidityUnit",
    "requiredSessionLevel",
    "sessionTimeoutInMinutes",
    "singleLogoutUrl",
    "startUrl",
  ],
}

export const ECA_TYPES = [ECA_HEADER, ECA_GLOBAL_OAUTH, ECA_OAUTH_SETTINGS, ECA_OAUTH_POLICIES]

/** Enumerations the reference gives for the policy fields this lab writes or reads. */
export const PERMITTED_USERS = ["AdminApprovedPreAuthorized", "AllSelfAuthorized"] as const
export const REFRESH_TOKEN_POLICY_TYPES = [
  "Infinite",
  "SpecificInactivity",
  "SpecificLifetime",
  "Zero",
] as const
export const REFRESH_TOKEN_UNITS = ["Hours", "Days", "Months"] as const
export const IP_RELAXATION = [
  "Enforce",
  "Bypass",
  "Bypass_2factor",
  "Enforce_RelaxRefresh",
] as const
/** `requiredSessionLevel` (SessionSecurityLevel) and `policyAction`. */
export const SESSION_LEVELS = ["HIGH_ASSURANCE", "LOW", "STANDARD"] as const
export const POLICY_ACTIONS = ["Block", "RaiseSessionLevel"] as const
