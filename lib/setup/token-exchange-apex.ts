import { TOKEN_EXCHANGE_ERRORS as E } from "@/lib/emulator/oauth/token-exchange-errors"

/**
 * The Apex handler the embedded org models, for a real org: extends Auth.Oauth2TokenExchangeHandler
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Auth_Oauth2TokenExchangeHandler.htm),
 * validates with the provider's JWKS (Auth.JWTUtil.validateJWTWithKeysEndpoint), checks issuer,
 * audience and expiry, and maps the email claim to a user, creating one when allowed. Its refusal
 * texts are the embedded org's (lib/emulator/oauth/token-exchange-errors.ts).
 */
export function apexHandlerClass(p: { issuer: string; jwksUrl: string; audience: string }): string {
  return `global class LabTokenExchangeHandler extends Auth.Oauth2TokenExchangeHandler {
    static final String ISSUER = '${p.issuer}';
    static final String JWKS_URL = '${p.jwksUrl}';
    static final String AUDIENCE = '${p.audience}';

    global override Auth.TokenValidationResult validateIncomingToken(String appDeveloperName,
            Auth.IntegratingAppType appType, String incomingToken, Auth.OAuth2TokenExchangeType tokenType) {
        if (tokenType != Auth.OAuth2TokenExchangeType.ID_TOKEN
                && tokenType != Auth.OAuth2TokenExchangeType.ACCESS_TOKEN) {
            return invalid(incomingToken, tokenType, '${E.typeNotAccepted}');
        }
        Auth.JWT jwt;
        try {
            // Signature (the provider's keys), and exp/nbf.
            jwt = Auth.JWTUtil.validateJWTWithKeysEndpoint(incomingToken, JWKS_URL, true);
        } catch (Exception e) {
            return invalid(incomingToken, tokenType, '${E.signature}');
        }
        if (jwt.getIss() != ISSUER) return invalid(incomingToken, tokenType, '${E.issuer}');
        if (jwt.getAud() != AUDIENCE) return invalid(incomingToken, tokenType, '${E.audience}');
        Map<String, Object> claims = jwt.getAdditionalClaims();
        String email = (String) claims.get('email');
        Auth.UserData data = new Auth.UserData(jwt.getSub(), (String) claims.get('given_name'),
            (String) claims.get('family_name'), (String) claims.get('name'), email, null, email,
            'en_US', 'LabIdP', null, new Map<String, String>());
        return new Auth.TokenValidationResult(true, null, data, incomingToken, tokenType, null);
    }

    global override User getUserForTokenSubject(Id networkId, Auth.TokenValidationResult result,
            Boolean canCreateUser, String appDeveloperName, Auth.IntegratingAppType appType) {
        Auth.UserData data = result.getUserData();
        List<User> found = [SELECT Id FROM User WHERE Email = :data.email AND IsActive = true LIMIT 1];
        if (!found.isEmpty()) return found[0];
        if (!canCreateUser) return null; // refused: ${E.noUser}
        Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1];
        return new User(Username = data.email + '.lab', Email = data.email, FederationIdentifier = data.identifier,
            LastName = String.isBlank(data.lastName) ? data.email : data.lastName, FirstName = data.firstName,
            Alias = data.email.left(8), ProfileId = p.Id, TimeZoneSidKey = 'America/Los_Angeles',
            LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US');
    }

    static Auth.TokenValidationResult invalid(String token, Auth.OAuth2TokenExchangeType type, String message) {
        return new Auth.TokenValidationResult(false, null, null, token, type, message);
    }
}`
}

/** Its test class: an unsupported type is refused; a new user is built only when creation is allowed. */
export const APEX_TEST_CLASS = `@IsTest
private class LabTokenExchangeHandlerTest {
    @IsTest static void refusesATokenTypeItDoesNotSupport() {
        Auth.TokenValidationResult r = new LabTokenExchangeHandler().validateIncomingToken(
            'LabApp', Auth.IntegratingAppType.CONNECTED, 'x.y.z', Auth.OAuth2TokenExchangeType.SAML_2);
        System.assertEquals(false, r.isValid());
        System.assertEquals('${E.typeNotAccepted}', r.getCustomErrorMsg());
    }

    @IsTest static void refusesATokenThatDoesNotVerify() {
        Auth.TokenValidationResult r = new LabTokenExchangeHandler().validateIncomingToken(
            'LabApp', Auth.IntegratingAppType.CONNECTED, 'not-a-jwt', Auth.OAuth2TokenExchangeType.ID_TOKEN);
        System.assertEquals(false, r.isValid());
    }

    @IsTest static void mapsOrCreatesByEmail() {
        Auth.UserData d = new Auth.UserData('idp-user-2002', 'Nia', 'New', 'Nia New',
            'new.person@idp.example', null, 'new.person@idp.example', 'en_US', 'LabIdP', null, new Map<String, String>());
        Auth.TokenValidationResult valid = new Auth.TokenValidationResult(true, null, d, 'x.y.z',
            Auth.OAuth2TokenExchangeType.ID_TOKEN, null);
        LabTokenExchangeHandler h = new LabTokenExchangeHandler();
        System.assertEquals(null, h.getUserForTokenSubject(null, valid, false, 'LabApp', Auth.IntegratingAppType.CONNECTED));
        User created = h.getUserForTokenSubject(null, valid, true, 'LabApp', Auth.IntegratingAppType.CONNECTED);
        System.assertEquals('new.person@idp.example', created.Email);
        System.assertEquals(null, created.Id); // Salesforce inserts it
    }
}`
