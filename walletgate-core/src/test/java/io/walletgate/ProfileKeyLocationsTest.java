package io.walletgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each profile's default key location is the one its provider documents. A wrong default fails quietly in
 * production ({@code jwks_unavailable} for every user on the defaults, as the {@code nopwd} profile's old
 * {@code /v1/jwks} did), and no test against a local issuer can notice it, since those override the location: so
 * the table below is written from the providers' documents, with where each value comes from and what it says.
 */
class ProfileKeyLocationsTest {

    /** An issuer URL with a path, so that the OMS template ({@code {iss}/.well-known/jwks.json}) shows it keeps it. */
    private static final String OMS_ISSUER = "https://oms.example.com/tenant/7";

    /**
     * One profile's documented key location.
     *
     * @param profile the profile name
     * @param factory the profile with its defaults
     * @param documented the provider's documented key location (null: none, the operator gives it)
     * @param source where the provider documents it, and what the document says
     */
    record Row(String profile, Supplier<IssuerProfile> factory, String documented, String source) {
        @Override
        public String toString() {
            return profile;
        }
    }

    static final List<Row> TABLE = List.of(
            new Row(IssuerProfiles.WEB3AUTH, () -> IssuerProfiles.web3auth("client-id"),
                    "https://api-auth.web3auth.io/jwks",
                    "https://web3auth.io/docs/features/server-side-verification: \"JWKS Endpoint for Social Logins:"
                            + " https://api-auth.web3auth.io/jwks\" (Web3Auth's identity-token page, provider seed 002,"
                            + " gives the same key set at https://api-auth.web3auth.io/.well-known/jwks.json)"),
            new Row(IssuerProfiles.WEB3AUTH_LEGACY, () -> IssuerProfiles.web3authLegacy("client-id"),
                    "https://api.openlogin.com/jwks",
                    "Web3Auth's own server-side verification example, github.com/Web3Auth/web3auth-pnp-examples"
                            + " web-core-sdk/server-side-verification/ssv-via-social-nextjs-core-example/pages/api/"
                            + "login.ts: \"jose.createRemoteJWKSet(new URL('https://api.openlogin.com/jwks'))\", for"
                            + " tokens whose iss is https://api.openlogin.com/ (Web3Auth's older social-login page)"),
            new Row(IssuerProfiles.WEB3AUTH_EXTERNAL, () -> IssuerProfiles.web3authExternal("example.com"),
                    "https://authjs.web3auth.io/jwks",
                    "https://web3auth.io/docs/features/server-side-verification: \"the JWKS endpoint for External"
                            + " wallets is different from Social logins. JWKS Endpoint for External Wallets:"
                            + " https://authjs.web3auth.io/jwks\" (provider seed 001 is this page with its URLs"
                            + " stripped)"),
            new Row(IssuerProfiles.SEQUENCE_OMS, () -> IssuerProfiles.sequenceOms(OMS_ISSUER, "project"),
                    OMS_ISSUER + "/.well-known/jwks.json",
                    "https://docs.polygon.technology/wallets/sdk/guides/backend-wallet-verification (provider seed"
                            + " 003): \"OMS_TOKEN_ISSUER: Accepted JWT iss value. The verifier also uses this as the"
                            + " JWKS base URL.\" and \"The JWKS endpoint is: {OMS_TOKEN_ISSUER}/.well-known/jwks.json\""),
            new Row(IssuerProfiles.SEQUENCE_WAAS, () -> IssuerProfiles.sequenceWaas("https://sequence.build/project/1"),
                    "https://waas.sequence.app/.well-known/jwks.json",
                    "https://docs.sequence.xyz/solutions/wallets/embedded-wallet/examples/verification: \"jwksUri:"
                            + " \\\"https://waas.sequence.app/.well-known/jwks.json\\\"\""),
            new Row(IssuerProfiles.NOPWD, () -> IssuerProfiles.nopwd("mywebsite.com"),
                    "https://api.nopwd.io/v0/jwks",
                    "https://dev.nopwd.io/reference/api/jwks (linked from provider seed 004, \"a public key that you"
                            + " can find here\"): \"GET /jwks Returns all valid JSON Web Keys\", usage"
                            + " \"fetch(\\\"https://api.nopwd.io/v0/jwks\\\")\"; GET /jwks/:kid answers 404 once a key is"
                            + " revoked"),
            new Row(IssuerProfiles.OIDC, () -> IssuerProfiles.oidc("https://login.example.com"),
                    null,
                    "no provider: the operator gives jwksUri, or it is discovered from"
                            + " {iss}/.well-known/openid-configuration (docs/architecture.md §3)"),
            new Row(IssuerProfiles.PRIVY, () -> IssuerProfiles.privy("cm4app1d"),
                    "https://auth.privy.io/api/v1/apps/cm4app1d/jwks.json",
                    "https://docs.privy.io/authentication/user-authentication/access-tokens: the app's JWKS at"
                            + " \"https://auth.privy.io/api/v1/apps/<your-privy-app-id>/jwks.json\" (privy-io/node-sdk"
                            + " createPrivyAppJWKS fetches the same set at https://api.privy.io/v1/apps/{appId}/"
                            + "jwks.json); the dashboard's verification key is the alternative (publicKey)"),
            new Row(IssuerProfiles.DYNAMIC, () -> IssuerProfiles.dynamic("2762a57b-faa4-41ce-9f16-abff9300e2c9",
                    "https://app.example"),
                    "https://app.dynamicauth.com/api/v0/sdk/2762a57b-faa4-41ce-9f16-abff9300e2c9/.well-known/jwks",
                    "https://www.dynamic.xyz/docs/api-reference/sdk/get-jwks-for-the-environment-json-format and the"
                            + " tokens page: \"https://app.dynamicauth.com/api/v0/sdk/${environmentId}/.well-known/"
                            + "jwks\""),
            new Row(IssuerProfiles.MAGIC, () -> IssuerProfiles.magic("client-id"),
                    null,
                    "no keys: a DID token carries its signer, recovered from its personal_sign proof"
                            + " (magiclabs/documentation decentralized-id.md)"),
            new Row(IssuerProfiles.PARA, () -> IssuerProfiles.para("api-key-id"),
                    "https://api.getpara.com/.well-known/jwks.json",
                    "https://docs.getpara.com/v3/react/guides/sessions-jwt, \"JWKS Verification\": PROD"
                            + " https://api.getpara.com/.well-known/jwks.json"),
            new Row(IssuerProfiles.PARA + " beta", () -> IssuerProfiles.para("api-key-id", "beta"),
                    "https://api.beta.getpara.com/.well-known/jwks.json",
                    "the same table: BETA https://api.beta.getpara.com/.well-known/jwks.json"),
            new Row(IssuerProfiles.PARA + " sandbox", () -> IssuerProfiles.para("api-key-id", "sandbox"),
                    "https://api.sandbox.getpara.com/.well-known/jwks.json",
                    "https://docs.getpara.com/v2/react/guides/sessions-jwt: SANDBOX"
                            + " https://api.sandbox.getpara.com/.well-known/jwks.json (gone from v3's table)"));

    static Stream<Row> rows() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void each_profiles_default_key_location_is_the_one_its_provider_documents(Row row) {
        IssuerProfile profile = row.factory().get();

        assertThat(profile.profileName()).isEqualTo(row.profile().split(" ")[0]);
        assertThat(row.source()).as("every row names its source").isNotBlank();
        assertThat(profile.jwksUri()).as("%s, documented at %s", row.profile(), row.source())
                .isEqualTo(row.documented() == null ? null : URI.create(row.documented()));
        if (row.documented() != null) {
            assertThat(profile.keySource()).as("keys come from the documented location").isNull();
        }
    }

    @Test
    void the_table_names_every_profile() {
        assertThat(TABLE.stream().map(r -> r.profile().split(" ")[0]).distinct())
                .containsExactlyElementsOf(IssuerProfiles.NAMES);
    }
}
